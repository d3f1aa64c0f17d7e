'use strict';
// tsc compiles TypeScript only; n8n also needs the node and credential icons beside the
// compiled files (a node's `icon: 'file:…'` is resolved relative to its .node.js).
const fs = require('fs');
const { src, dest } = require('gulp');

// A build starts from an empty dist/, so nothing stale (old files, build info) gets packed.
function clean(done) {
	fs.rmSync('dist', { recursive: true, force: true });
	done();
}

function copyIcons() {
	return src(['icons/**/*.svg', 'nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports.clean = clean;
exports['build:icons'] = copyIcons;
