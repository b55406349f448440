/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
import fs from 'node:fs';
import path from 'node:path';

import type { IConnections, INode, INodeExecutionData } from 'n8n-workflow';

import type { StoredCredential } from './credentials';
import type { RunResult } from './engine';
import { PACKAGE_ROOT, runWorkflow } from './engine';
import type { FakeTikTok } from './fake';
import { EXAMPLE_STAND_INS } from './stand-ins';

/** The fake's address in the examples (`npm run dev` serves it there). */
export const DEV_FAKE_URL = 'http://127.0.0.1:4010';

export interface ExampleWorkflow {
	name: string;
	nodes: INode[];
	connections: IConnections;
}

/** An example workflow of examples/, its fake API address pointed at `fake`. */
export function loadExample(file: string, fake: FakeTikTok): ExampleWorkflow {
	const text = fs.readFileSync(path.join(PACKAGE_ROOT, 'examples', file), 'utf8');
	return JSON.parse(text.split(DEV_FAKE_URL).join(fake.url)) as ExampleWorkflow;
}

/**
 * Runs an example workflow as n8n would, against the fake, with the one set of stand-ins for n8n-nodes-base nodes:
 * from its Manual Trigger (or `startNode`, e.g. its Webhook with `input`), with `credentials`, each TikTok node's
 * credential being one of them (as `npm run dev` creates them: same ID, same type). Fails the test when the run fails.
 */
export async function runExample(
	fake: FakeTikTok,
	file: string,
	credentials: StoredCredential[],
	options: { startNode?: string; input?: INodeExecutionData[] } = {},
): Promise<RunResult> {
	const workflow = loadExample(file, fake);
	for (const node of workflow.nodes.filter((n) => n.type.startsWith('n8n-nodes-tiktok-suite.'))) {
		for (const [type, ref] of Object.entries(node.credentials ?? {})) {
			expect(credentials.find((c) => c.id === ref.id)?.type).toBe(type);
		}
	}
	const result = await runWorkflow({
		nodes: workflow.nodes,
		connections: workflow.connections,
		startNode: options.startNode ?? workflow.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger')?.name,
		input: options.input,
		credentials,
		extraNodeTypes: EXAMPLE_STAND_INS,
	});
	expect(result.error).toBeUndefined();
	return result;
}
