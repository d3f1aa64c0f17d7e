'use strict';
// A pass-through HTTP proxy in front of the emulator that keeps every request body, so a test
// can assert on exactly what the node sent (the emulator's request log keeps only sizes).
const http = require('node:http');

async function startRecordingProxy(targetBaseUrl) {
	const target = new URL(targetBaseUrl);
	const recorded = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			recorded.push({ method: req.method, url: req.url, headers: req.headers, body });
			const upstream = http.request(
				{
					hostname: target.hostname,
					port: target.port,
					method: req.method,
					path: req.url,
					headers: { ...req.headers, host: target.host },
				},
				(answer) => {
					res.writeHead(answer.statusCode, answer.headers);
					answer.pipe(res);
				},
			);
			upstream.on('error', () => res.destroy());
			upstream.end(body);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	return {
		webApiUrl: `http://127.0.0.1:${port}${target.pathname}`,
		recorded,
		/** Parsed JSON bodies of the requests with this method whose path matches. */
		jsonBodies(method, pathPattern) {
			return recorded
				.filter((entry) => entry.method === method && pathPattern.test(entry.url))
				.map((entry) => JSON.parse(entry.body.toString('utf8')));
		},
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

module.exports = { startRecordingProxy };
