#!/usr/bin/env node
'use strict';

// Runs the Alteryx Analytics Cloud emulator until Ctrl-C and prints its URLs and a fresh token
// pair (for demos):
//   node test/emulator/cloud/cli.js [--port-v4 0] [--port-gateway 0] [--port-token 0]
//        [--access-ttl 300] [--refresh-reuse reject|revoke-family] [--require-project-id]
//        [--created-ms 200] [--in-progress-ms 800]

const { startCloudEmulator, CLOUD_SEED } = require('./index');

const FLAGS = {
	host: { set: (o, v) => (o.host = v) },
	'port-v4': { number: true, set: (o, v) => (o.ports.v4 = v) },
	'port-gateway': { number: true, set: (o, v) => (o.ports.gateway = v) },
	'port-token': { number: true, set: (o, v) => (o.ports.token = v) },
	'access-ttl': { number: true, set: (o, v) => (o.accessTokenTtlSeconds = v) },
	'refresh-reuse': { set: (o, v) => (o.refreshReuse = v) },
	'require-project-id': { boolean: true, set: (o) => (o.requireProjectId = true) },
	'no-expires-in': { boolean: true, set: (o) => (o.expiresInField = false) },
	'created-ms': { number: true, set: (o, v) => (o.runTimings.createdMs = v) },
	'in-progress-ms': { number: true, set: (o, v) => (o.runTimings.inProgressMs = v) },
};

function usage() {
	return [
		'Usage: node test/emulator/cloud/cli.js [--host 127.0.0.1] [--port-v4 0] [--port-gateway 0] [--port-token 0]',
		'       [--access-ttl 300] [--refresh-reuse reject|revoke-family] [--require-project-id] [--no-expires-in]',
		'       [--created-ms 200] [--in-progress-ms 800]',
	].join('\n');
}

function parseArgs(argv) {
	const options = { ports: {}, runTimings: {} };
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--help' || arg === '-h') return { help: true };
		const match = /^--([\w-]+)(?:=(.*))?$/.exec(arg);
		const flag = match && FLAGS[match[1]];
		if (!flag) throw new Error(`Unknown argument "${arg}"\n${usage()}`);
		if (flag.boolean) {
			flag.set(options);
			continue;
		}
		const raw = match[2] !== undefined ? match[2] : argv[++i];
		if (raw === undefined) throw new Error(`--${match[1]} needs a value`);
		const value = flag.number ? Number(raw) : raw;
		if (flag.number && !Number.isFinite(value)) throw new Error(`--${match[1]} must be a number`);
		flag.set(options, value);
	}
	return { options };
}

/** Starts the emulator from command-line arguments and prints what a demo needs. */
async function runCli(argv) {
	let parsed;
	try {
		parsed = parseArgs(argv);
	} catch (error) {
		console.error(error.message);
		process.exit(2);
	}
	if (parsed.help) {
		console.log(usage());
		return;
	}
	const cloud = await startCloudEmulator(parsed.options);
	const pair = cloud.issuePair();
	const o = cloud.options;
	console.log(`Alteryx Analytics Cloud emulator listening
  v4 URL        ${cloud.v4Url}
  Gateway URL   ${cloud.gatewayUrl}${o.requireProjectId ? ` (x-api-project-id: ${cloud.projectId})` : ''}
  Issuer        ${cloud.issuer}
  Token URL     ${cloud.tokenUrl} (access TTL ${o.accessTokenTtlSeconds}s, refresh reuse: ${o.refreshReuse})
  Client ID     ${cloud.clientId}

  Access token  ${pair.accessToken}
  Refresh token ${pair.refreshToken}

  Service principal  client id ${cloud.servicePrincipal.clientId}
                     secret    ${cloud.servicePrincipal.clientSecret}

  Flows ${Object.entries(CLOUD_SEED.names.flows)
		.map(([id, name]) => `${id} ${name}`)
		.join(', ')}
  Plans ${Object.entries(CLOUD_SEED.names.plans)
		.map(([id, name]) => `${id} ${name}`)
		.join(', ')}
  Runs are Created ${o.runTimings.createdMs} ms, InProgress ${o.runTimings.inProgressMs} ms.

Press Ctrl-C to stop.`);

	let stopping = false;
	const stop = async (signal) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping the emulator`);
		await cloud.close();
		process.exit(0);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
	runCli(process.argv.slice(2)).catch((error) => {
		console.error(error.stack || String(error));
		process.exit(1);
	});
}

module.exports = { runCli, parseArgs };
