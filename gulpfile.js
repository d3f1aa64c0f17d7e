'use strict';
// tsc compiles TypeScript only; n8n also needs the node and credential icons beside the
// compiled files (a node's `icon: 'file:…'` is resolved relative to its .node.js).
const { src, dest } = require('gulp');

function copyIcons() {
	return src(['icons/**/*.svg', 'nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:icons'] = copyIcons;
