'use strict';
// The fake tells time on the package's transport clock when it runs in the same process as the built package (the
// engine tests): a test that fast-forwards the transport's waits (test/harness/clock.ts) then moves the fake's time
// (request times, TikTok's per-minute windows) along with it. Standalone (npm run fake-tiktok, e2e), or before a
// build, it is the system clock.
let clock;

function now() {
	if (clock === undefined) {
		try {
			clock = require('../../dist/nodes/TikTok/transport/clock').clock;
		} catch {
			clock = null;
		}
	}
	return clock ? clock.now() : Date.now();
}

module.exports = { now };
