'use strict';

// HTTPS mode: the same request pipeline behind a TLS server, and a throw-away self-signed
// certificate for it. Nothing here touches Node's global TLS settings: a client must either trust
// the certificate or skip verification for its own requests.
//
//   const { generateSelfSignedCertificate } = require('./https');
//   const tls = generateSelfSignedCertificate(fs.mkdtempSync(path.join(os.tmpdir(), 'cert-')));
//   const emulator = await startEmulator({ tls }); // emulator.webApiUrl is https://127.0.0.1:…

const fs = require('node:fs');
const https = require('node:https');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const { requestListener } = require('./server');

/**
 * @param {object} emulator
 * @param {{ key: string|Buffer, cert: string|Buffer }} tls PEM key and certificate
 */
function createHttpsServer(emulator, tls) {
	if (!tls || !tls.key || !tls.cert) throw new Error('tls needs a PEM key and cert');
	return https.createServer({ key: tls.key, cert: tls.cert }, requestListener(emulator));
}

/**
 * Writes key.pem and cert.pem (self-signed, one day, for 127.0.0.1, ::1 and localhost) into
 * `directory` with the openssl command line, and returns them.
 * @param {string} directory an existing, writable directory
 * @param {{ commonName?: string, days?: number }} [options]
 * @returns {{ key: Buffer, cert: Buffer, keyPath: string, certPath: string }}
 */
function generateSelfSignedCertificate(directory, options = {}) {
	const keyPath = path.join(directory, 'key.pem');
	const certPath = path.join(directory, 'cert.pem');
	const commonName = options.commonName || '127.0.0.1';
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'ec',
			'-pkeyopt',
			'ec_paramgen_curve:prime256v1',
			'-nodes',
			'-keyout',
			keyPath,
			'-out',
			certPath,
			'-days',
			String(options.days || 1),
			'-subj',
			`/CN=${commonName}/O=Alteryx Server emulator`,
			'-addext',
			'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost',
		],
		{ stdio: 'pipe' },
	);
	return {
		key: fs.readFileSync(keyPath),
		cert: fs.readFileSync(certPath),
		keyPath,
		certPath,
	};
}

module.exports = { createHttpsServer, generateSelfSignedCertificate };
