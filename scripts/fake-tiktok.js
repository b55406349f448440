#!/usr/bin/env node
'use strict';
// Runs the fake TikTok API on its own: `npm run fake-tiktok` (PORT, HOST, LATENCY_MS, RATE_LIMIT_SHARE, SEED).
const { startFakeTikTok } = require('../test/fake-tiktok/server');

(async () => {
	const fake = await startFakeTikTok({
		port: Number(process.env.PORT ?? 4010),
		host: process.env.HOST ?? '127.0.0.1',
		latencyMs: Number(process.env.LATENCY_MS ?? 0),
		rateLimitShare: Number(process.env.RATE_LIMIT_SHARE ?? 0),
		seed: Number(process.env.SEED ?? 42),
	});
	const { FAKE } = fake;
	console.log(`Fake TikTok API listening on ${fake.url}`);
	console.log(`  Business API:   ${fake.url}/open_api/v1.3/  (App ID ${FAKE.businessAppId}, secret ${FAKE.businessSecret}, token ${FAKE.businessToken})`);
	console.log(`  Developers API: ${fake.url}/v2/  (client key ${FAKE.clientKey}, client secret ${FAKE.clientSecret})`);
	console.log(`  Advertisers:    ${fake.state.world.advertisers.map((a) => a.advertiser_id).join(', ')}`);
	const stop = async () => {
		await fake.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
