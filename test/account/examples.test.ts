/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
// The two example workflows, run through the engine against the fake TikTok API. Manual Trigger and IF are
// n8n-nodes-base nodes, not installed here: small stand-ins replace them (the IF stand-in evaluates the example's one
// "number is greater than" condition per item, true branch first, as IF v2 does).
import fs from 'node:fs';
import path from 'node:path';

import type { IConnections, IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { PACKAGE_ROOT, runWorkflow } from '../harness/engine';
import { businessCredential, useFake } from '../harness/fake';
import type { Entity } from './helpers';
import { ADV2, requestsTo } from './helpers';

function standIn(name: string, outputs: number, run: (this: IExecuteFunctions) => INodeExecutionData[][]): INodeType {
	return {
		description: {
			displayName: `${name} (stand-in)`,
			name,
			group: ['transform'],
			version: [1, 2, 2.2],
			description: `Stand-in for n8n-nodes-base.${name}`,
			defaults: { name },
			inputs: ['main'],
			outputs: Array(outputs).fill('main'),
			properties: [
				{ displayName: 'Conditions', name: 'conditions', type: 'json', default: {} },
				{ displayName: 'Options', name: 'options', type: 'json', default: {} },
			],
		} as INodeTypeDescription,
		async execute(this: IExecuteFunctions) {
			return run.call(this);
		},
	};
}

const STAND_INS: Record<string, INodeType> = {
	'n8n-nodes-base.manualTrigger': standIn('manualTrigger', 1, function () {
		return [this.getInputData()];
	}),
	'n8n-nodes-base.if': standIn('if', 2, function () {
		const yes: INodeExecutionData[] = [];
		const no: INodeExecutionData[] = [];
		this.getInputData().forEach((item, i) => {
			const { conditions } = this.getNodeParameter('conditions', i) as { conditions: IDataObject[] };
			const [condition] = conditions;
			expect(condition.operator).toEqual({ type: 'number', operation: 'gt' });
			const passes = Number(condition.leftValue) > Number(condition.rightValue);
			(passes ? yes : no).push({ json: item.json, pairedItem: { item: i } });
		});
		return [yes, no];
	}),
};

describe('the campaign and ad group example workflows run against the fake TikTok API', () => {
	const fake = useFake({}, { perTest: true });

	async function run(file: string) {
		const text = fs.readFileSync(path.join(PACKAGE_ROOT, 'examples', file), 'utf8').split('http://127.0.0.1:4010').join(fake.url);
		const workflow = JSON.parse(text) as { nodes: INode[]; connections: IConnections };
		const result = await runWorkflow({
			nodes: workflow.nodes,
			connections: workflow.connections,
			startNode: workflow.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger')?.name,
			credentials: [businessCredential(fake, {}, 'tiktokBusinessFake')],
			extraNodeTypes: STAND_INS,
		});
		expect(result.error).toBeUndefined();
		return result;
	}

	it('campaigns-pause-over-spend.json: pauses exactly the campaigns that spent over 20 yesterday, 20 per request', async () => {
		const result = await run('campaigns-pause-over-spend.json');
		const rows = result.output("Yesterday's spend per campaign");
		expect(rows.length).toBeGreaterThan(0);
		const over = rows.filter((r) => Number(r.json.spend) > 20).map((r) => String(r.json.campaign_id));
		expect(over.length).toBeGreaterThan(0);
		expect(over.length).toBeLessThan(rows.length);
		const paused = result.output('Pause the campaign');
		expect(paused.map((i) => i.json.campaign_id)).toEqual(over);
		expect(paused.every((i) => i.json.status === 'DISABLE')).toBe(true);
		expect(requestsTo(fake, '/campaign/status/update/')).toHaveLength(Math.ceil(over.length / 20));
		for (const campaign of fake.state.world.campaigns as Entity[]) {
			if (campaign.advertiser_id !== ADV2) continue;
			if (over.includes(String(campaign.campaign_id))) expect(campaign.operation_status).toBe('DISABLE');
		}
	});

	it('adgroups-raise-budget.json: raises five delivering ad groups by 20%, to the cent', async () => {
		const before = new Map((fake.state.world.adgroups as Entity[]).map((g) => [String(g.adgroup_id), Number(g.budget)]));
		const result = await run('adgroups-raise-budget.json');
		const updated = result.output('Raise budget by 20%');
		expect(updated).toHaveLength(5);
		for (const item of updated) {
			const old = before.get(String(item.json.adgroup_id))!;
			expect(item.json.budget).toBe(Math.round(old * 1.2 * 100) / 100);
		}
		expect(requestsTo(fake, '/adgroup/update/').map((r) => Object.keys(r.body as object).sort())).toEqual(
			Array(5).fill(['adgroup_id', 'advertiser_id', 'budget']),
		);
	});
});
