#!/usr/bin/env node
'use strict';

// Runs the Alteryx Server emulator until Ctrl-C:
//   node test/emulator/cli.js --port 8123 [--host 127.0.0.1] [--token-ttl 3600] [--seed demo]
//        [--client-auth both|header|body] [--token-error-style katana|katana-description|rfc6749]
//        [--queued-ms 300] [--running-ms 700] [--list-shape array|swagger]

const { startEmulator, SEED_IDS, OUTCOME_QUESTION } = require('./index');

const FLAGS = {
	host: { option: 'host' },
	port: { option: 'port', number: true },
	'token-ttl': { option: 'tokenTtlSeconds', number: true },
	seed: { option: 'seed' },
	'client-auth': { option: 'clientAuth' },
	'token-error-style': { option: 'tokenErrorStyle' },
	'queued-ms': { option: 'queuedMs', number: true, timing: true },
	'running-ms': { option: 'runningMs', number: true, timing: true },
	'list-shape': { option: 'listShape' },
};

function usage() {
	return [
		'Usage: node test/emulator/cli.js [--port 8123] [--host 127.0.0.1] [--token-ttl 3600] [--seed default|demo|minimal]',
		'       [--client-auth both|header|body] [--token-error-style katana|katana-description|rfc6749]',
		'       [--queued-ms 300] [--running-ms 700] [--list-shape array|swagger]',
	].join('\n');
}

function parseArgs(argv) {
	const options = { port: 8123 };
	const jobTimings = {};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--help' || arg === '-h') return { help: true };
		const match = /^--([\w-]+)(?:=(.*))?$/.exec(arg);
		const flag = match && FLAGS[match[1]];
		if (!flag) throw new Error(`Unknown argument "${arg}"\n${usage()}`);
		const raw = match[2] !== undefined ? match[2] : argv[++i];
		if (raw === undefined) throw new Error(`--${match[1]} needs a value`);
		const value = flag.number ? Number(raw) : raw;
		if (flag.number && !Number.isFinite(value)) throw new Error(`--${match[1]} must be a number`);
		if (flag.timing) jobTimings[flag.option] = value;
		else options[flag.option] = value;
	}
	if (Object.keys(jobTimings).length) options.jobTimings = jobTimings;
	return { options };
}

async function main() {
	// `--cloud …` starts the Alteryx Analytics Cloud emulator instead (./cloud/cli.js).
	if (process.argv[2] === '--cloud') {
		await require('./cloud/cli').runCli(process.argv.slice(3));
		return;
	}
	let parsed;
	try {
		parsed = parseArgs(process.argv.slice(2));
	} catch (error) {
		console.error(error.message);
		process.exit(2);
	}
	if (parsed.help) {
		console.log(usage());
		return;
	}
	const emulator = await startEmulator(parsed.options);
	const { curator, artisan, noApi } = emulator.credentials;
	const o = emulator.options;
	console.log(`Alteryx Server emulator listening
  Web API URL   ${emulator.webApiUrl}
  Token URL     ${emulator.webApiUrl}oauth2/token (client auth: ${o.clientAuth}, token TTL ${o.tokenTtlSeconds}s)
  Swagger       ${emulator.webApiUrl}swagger/docs/3
  Seed          ${o.seed}; jobs queue ${o.jobTimings.queuedMs} ms, run ${o.jobTimings.runningMs} ms

  Curator  (Ada Admin)   key ${curator.clientId}
                         secret ${curator.clientSecret}
  Artisan  (Bo Builder)  key ${artisan.clientId}
                         secret ${artisan.clientSecret}
  No API access (Nia)    key ${noApi.clientId}
                         secret ${noApi.clientSecret}

  Workflows: Sales Forecast (app) ${SEED_IDS.workflows.salesForecast}, Daily Sales ETL ${SEED_IDS.workflows.dailySalesEtl},
             Inventory Sync (ends in Error) ${SEED_IDS.workflows.inventorySync}, Customer Cleanse (ends in Warning) ${SEED_IDS.workflows.customerCleanse}
  A question named "${OUTCOME_QUESTION}" with value Success, Warning or Error forces a job's outcome.

Press Ctrl-C to stop.`);

	let stopping = false;
	const stop = async (signal) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping the emulator`);
		await emulator.close();
		process.exit(0);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => {
	console.error(error.stack || String(error));
	process.exit(1);
});
