// Runs n8n's scanner in a process of its own (it is an ES module; jest cannot import it):
//   node scan-runner.mjs <scanner.mjs> <package dir> source|packed
// Prints { passed, message, details } as JSON.
import { pathToFileURL } from 'node:url';

const [scannerFile, dir, kind] = process.argv.slice(2);
const scanner = await import(pathToFileURL(scannerFile).href);
const patterns = kind === 'source' ? scanner.SOURCE_FILE_PATTERNS : ['**/*.js', 'package.json'];
const result = await scanner.analyzePackage(dir, patterns);
process.stdout.write(
	JSON.stringify({
		passed: result.passed,
		message: result.message || '',
		details: result.details || '',
	}),
);
