import { config } from '@n8n/node-cli/eslint';

// `npm run bench` and the e2e tests keep n8n user folders (n8n's own bundles) in these folders.
export default [{ ignores: ['.bench/', '.n8n-bench/', '.n8n-e2e/'] }, ...config];
