/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
import fs from 'node:fs';
import path from 'node:path';

import type { INode, INodeExecutionData } from 'n8n-workflow';

import { PACKAGE_ROOT, TRIGGER_TYPE, createCredentialsHelper, pollTrigger, runWorkflow, triggerWorkflow } from '../harness/engine';
import { BUSINESS_PREFIX, businessCredential, useFake } from '../harness/fake';

const EXAMPLE = path.join(PACKAGE_ROOT, 'examples', 'trigger-new-ad-to-message.json');

interface ExampleWorkflow {
	nodes: INode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
}

describe('examples/trigger-new-ad-to-message.json', () => {
	const fake = useFake();

	const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as ExampleWorkflow;
	const trigger = example.nodes.find((n) => n.type === TRIGGER_TYPE)!;
	const set = example.nodes.find((n) => n.type === 'n8n-nodes-base.set')!;

	it('wires a TikTok Trigger (adCreated, seeded advertiser, fake credential) into a Set node', () => {
		expect(trigger.parameters).toMatchObject({ event: 'adCreated', advertiserIds: ['7000000000000000001'] });
		expect(trigger.credentials).toEqual({
			tikTokBusinessOAuth2Api: { id: 'tiktokBusinessFake', name: 'TikTok Business (fake API)' },
		});
		expect(example.connections[trigger.name].main[0][0].node).toBe(set.name);
	});

	it('fetches a test event from the fake API and builds the message from it', async () => {
		const workflow = await triggerWorkflow(trigger);
		const credentialsHelper = await createCredentialsHelper([businessCredential(fake, {}, 'tiktokBusinessFake')]);
		const result = await pollTrigger({ workflow, node: trigger, credentialsHelper, mode: 'manual' });
		expect(result).toHaveLength(1);
		const items = result![0] as INodeExecutionData[];
		expect(items).toHaveLength(1);
		const ad = items[0].json;
		expect(ad.advertiser_id).toBe('7000000000000000001');
		// The newest ad, among TikTok's default listing and TopView ads (one request each).
		expect(fake.state.requestsTo(`${BUSINESS_PREFIX}/ad/get/`)).toHaveLength(2);

		// Resolve the Set node's assignments against that item as n8n does for the next node's parameters.
		const assignments = (set.parameters.assignments as { assignments: Array<{ name: string; value: string }> }).assignments;
		const values = Object.fromEntries(
			assignments.map((a) => [a.name, workflow.expression.getParameterValue(a.value, null, 0, 0, trigger.name, items, 'manual', {})]),
		);
		expect(values.ad_id).toBe(ad.ad_id);
		expect(values.text).toContain(`New TikTok ad *${String(ad.ad_name)}*`);
		expect(values.text).toContain(`Campaign: ${String(ad.campaign_name)}`);
		expect(values.text).toContain(`created ${String(ad.create_time)} UTC`);
	});

	it('runs as the start node of a manual execution (the editor\'s "Fetch Test Event") through WorkflowExecute', async () => {
		fake.state.clearRequests();
		const run = await runWorkflow({ nodes: [trigger], credentials: [businessCredential(fake, {}, 'tiktokBusinessFake')] });
		expect(run.error).toBeUndefined();
		const items = run.output(trigger.name);
		expect(items).toHaveLength(1);
		expect(items[0].json.advertiser_id).toBe('7000000000000000001');
		expect(run.workflow.staticData).toEqual({});
	});
});
