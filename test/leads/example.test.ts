/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
import fs from 'node:fs';
import path from 'node:path';

import type { INode, INodeExecutionData } from 'n8n-workflow';

import { PACKAGE_ROOT, TRIGGER_TYPE, createCredentialsHelper, pollTrigger, triggerWorkflow } from '../harness/engine';
import { businessCredential, useFake } from '../harness/fake';
import { FORM_DRIVE, addLead, configureLeads } from './helpers';

const EXAMPLE = path.join(PACKAGE_ROOT, 'examples', 'trigger-new-lead-to-crm-row.json');

interface ExampleWorkflow {
	nodes: INode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
}

describe('examples/trigger-new-lead-to-crm-row.json', () => {
	const fake = useFake();
	beforeEach(() => configureLeads(fake, { checksUntilReady: 0 }));

	const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as ExampleWorkflow;
	const trigger = example.nodes.find((n) => n.type === TRIGGER_TYPE)!;
	const set = example.nodes.find((n) => n.type === 'n8n-nodes-base.set')!;

	it('wires a TikTok Trigger (leadReceived, seeded form, fake credential) into a Set node', () => {
		expect(trigger.parameters).toMatchObject({ event: 'leadReceived', pageIds: [FORM_DRIVE] });
		expect(example.connections[trigger.name].main[0][0].node).toBe(set.name);
	});

	it('emits a new lead once the trigger is active, and the Set node turns it into a CRM row', async () => {
		const workflow = await triggerWorkflow(trigger);
		const credentialsHelper = await createCredentialsHelper([businessCredential(fake, {}, 'tiktokBusinessFake')]);
		const poll = async () => await pollTrigger({ workflow, node: trigger, credentialsHelper });
		expect(await poll()).toBeNull();
		const lead = addLead(fake, FORM_DRIVE, { createdSec: Math.floor(Date.now() / 1000) - 1, answers: { 'Comments, if any': 'Weekends, after 10' } });
		const result = await poll();
		const items = result![0] as INodeExecutionData[];
		expect(items.map((i) => i.json.lead_id)).toEqual([lead.lead_id]);

		const assignments = (set.parameters.assignments as { assignments: Array<{ name: string; value: string }> }).assignments;
		const row = Object.fromEntries(
			assignments.map((a) => [a.name, workflow.expression.getParameterValue(a.value, null, 0, 0, trigger.name, items, 'manual', {})]),
		);
		expect(row).toMatchObject({
			'Full name': lead.answers.Name,
			Email: lead.answers.Email,
			Phone: lead.answers['Phone number'],
			Notes: 'Weekends, after 10',
			'TikTok lead ID': lead.lead_id,
		});
		expect(row.Source).toMatch(/^TikTok · Spring test drive · .+ › .+$/);
		expect(row['Received (UTC)']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		expect(await poll()).toBeNull();
	});
});
