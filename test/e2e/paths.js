'use strict';
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
// Everything the e2e suite creates stays under .n8n-e2e/ (git-ignored); user folders of failed
// files are kept there for a look at n8n's log.
const workRoot = process.env.N8N_ALTERYX_E2E_DIR || path.join(root, '.n8n-e2e');

module.exports = { root, workRoot, stateFile: path.join(workRoot, 'state.json') };
