'use strict';
// A server on another 127.0.0.1 port ("another origin") that logs what reaches it and answers
// `[]`: where a test looks for a token that left the Web API Address.
const http = require('node:http');

function startOtherOrigin() {
	return new Promise((resolve) => {
		const log = [];
		const server = http.createServer((req, res) => {
			log.push({ method: req.method, url: req.url, headers: { ...req.headers } });
			req.resume();
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end('[]');
		});
		server.listen(0, '127.0.0.1', () =>
			resolve({
				log,
				port: server.address().port,
				close: () =>
					new Promise((done) => {
						server.closeAllConnections();
						server.close(done);
					}),
			}),
		);
	});
}

module.exports = { startOtherOrigin };
