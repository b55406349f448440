'use strict';
// The engine tests' jest environment: Node's own, plus a quick exit for jest's worker processes.
//
// Each test file loads its own n8n-core, so a worker that ran engine tests holds a few hundred MB of heap when jest
// ends it. Nothing is left running (no timer, socket or server: checked with --detectOpenHandles and by listing the
// worker's active resources when jest ends it), and its 'exit' event comes within milliseconds; but Node then tears
// that heap down before the process is gone, which on a busy 2-core machine takes longer than the 500 ms jest waits.
// Jest then kills the worker and reports "A worker process has failed to exit gracefully". Calling process.exit from
// the 'exit' event ends the process without that teardown (the worker has sent every result by then).
const { TestEnvironment } = require('jest-environment-node');

let installed = false;

class EngineTestEnvironment extends TestEnvironment {
	constructor(config, context) {
		super(config, context);
		// Only in jest's worker processes (they have an IPC channel), not in a run-in-band jest.
		if (!installed && typeof process.send === 'function') {
			installed = true;
			process.once('exit', (code) => process.exit(code));
		}
	}
}

module.exports = EngineTestEnvironment;
