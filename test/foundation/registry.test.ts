/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
import fs from 'node:fs';
import path from 'node:path';

import type { INode, INodeParameters, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { PACKAGE_ROOT } from '../harness/engine';

// The editor asks for exactly the credential an operation uses: n8n's own NodeHelpers decide which of a node's
// credentials are shown (and so required) for the node's parameters, as the editor and n8n's publish check do.
/* eslint-disable @typescript-eslint/no-require-imports */
const { TikTok } = require(path.join(PACKAGE_ROOT, 'dist/nodes/TikTok/TikTok.node.js'));
const { TikTokTrigger } = require(path.join(PACKAGE_ROOT, 'dist/nodes/TikTok/TikTokTrigger.node.js'));
const { TikTokLeadAdsTrigger } = require(path.join(PACKAGE_ROOT, 'dist/nodes/TikTok/TikTokLeadAdsTrigger.node.js'));
const { registry, operationsOf } = require(path.join(PACKAGE_ROOT, 'dist/nodes/TikTok/actions/registry.js'));
/* eslint-enable @typescript-eslint/no-require-imports */

const BUSINESS = 'tikTokBusinessOAuth2Api';
const DEVELOPERS = 'tikTokOAuth2Api';
const EVENTS = 'tikTokEventsApi';

const node: Pick<INode, 'typeVersion'> = { typeVersion: 1 };

/** The node's parameters as n8n holds them for these values (defaults filled in, hidden ones dropped). */
function parametersOf(description: INodeTypeDescription, values: INodeParameters): INodeParameters {
	return NodeHelpers.getNodeParameters(description.properties, values, true, false, node, description) ?? {};
}

/** The credentials n8n shows for these parameter values. */
function shownCredentials(description: INodeTypeDescription, values: INodeParameters): string[] {
	const parameters = parametersOf(description, values);
	return (description.credentials ?? [])
		.filter((credential) => NodeHelpers.displayParameter(parameters, credential, node, description))
		.map((credential) => credential.name);
}

/** What each resource's operations need, written out by hand (the registry must agree with this table). */
const EXPECTED: Record<string, Record<string, string[]>> = {
	ad: { create: [BUSINESS], get: [BUSINESS], getMany: [BUSINESS], update: [BUSINESS], updateStatus: [BUSINESS] },
	adGroup: { create: [BUSINESS], get: [BUSINESS], getMany: [BUSINESS], update: [BUSINESS], updateStatus: [BUSINESS] },
	creative: { uploadImage: [BUSINESS], uploadVideo: [BUSINESS] },
	adReport: { getMany: [BUSINESS] },
	advertiser: { get: [BUSINESS], getMany: [BUSINESS] },
	campaign: {
		create: [BUSINESS],
		get: [BUSINESS],
		getMany: [BUSINESS],
		update: [BUSINESS],
		updateStatus: [BUSINESS],
	},
	// The default Authentication of Event → Send is the Events API token.
	event: { send: [EVENTS] },
	lead: { getMany: [BUSINESS] },
	leadForm: { get: [BUSINESS], getMany: [BUSINESS] },
	post: { publishVideo: [DEVELOPERS], uploadVideoDraft: [DEVELOPERS], publishPhotos: [DEVELOPERS], getStatus: [DEVELOPERS] },
	sound: { upload: [BUSINESS] },
	user: { get: [DEVELOPERS], getCreatorInfo: [DEVELOPERS] },
	video: { getMany: [DEVELOPERS], getEmbed: [] },
};

describe('the resource registry and the credential each operation asks for', () => {
	const description: INodeTypeDescription = new TikTok().description;

	it('lists every resource of the registry in the Resource dropdown, sorted by name', () => {
		const resource = description.properties.find((p) => p.name === 'resource');
		const options = (resource?.options ?? []) as Array<{ name: string; value: string }>;
		expect(options.map((o) => o.value).sort()).toEqual(Object.keys(registry).sort());
		const names = options.map((o) => o.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});

	it("offers, per resource, exactly the operations its registry module exports", () => {
		for (const resource of Object.keys(registry)) {
			const operation = description.properties.find(
				(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
			);
			const values = ((operation?.options ?? []) as Array<{ value: string }>).map((o) => o.value);
			expect({ resource, operations: values.sort() }).toEqual({ resource, operations: operationsOf(resource).sort() });
		}
	});

	it('shows exactly one required credential for every operation (none for Get Embed)', () => {
		const checked: string[] = [];
		for (const resource of Object.keys(registry)) {
			for (const operation of operationsOf(resource)) {
				if (resource === 'apiCall') continue;
				const expected = EXPECTED[resource]?.[operation];
				expect({ resource, operation, expected }).toEqual({ resource, operation, expected: expect.any(Array) });
				expect({ resource, operation, shown: shownCredentials(description, { resource, operation }) }).toEqual({
					resource,
					operation,
					shown: expected,
				});
				checked.push(`${resource}.${operation}`);
			}
		}
		expect(checked).toHaveLength(Object.values(EXPECTED).reduce((n, ops) => n + Object.keys(ops).length, 0));
		for (const credential of description.credentials ?? []) expect(credential.required).toBe(true);
	});

	it("API Call shows the credential of the chosen API, and the default API's when none is chosen", () => {
		expect(shownCredentials(description, { resource: 'apiCall', operation: 'make', api: 'business' })).toEqual([BUSINESS]);
		expect(shownCredentials(description, { resource: 'apiCall', operation: 'make', api: 'developers' })).toEqual([
			DEVELOPERS,
		]);
		expect(shownCredentials(description, { resource: 'apiCall', operation: 'make' })).toHaveLength(1);
	});

	it('Event → Send shows the credential its Authentication chooses, exactly one', () => {
		const send = { resource: 'event', operation: 'send' };
		expect(shownCredentials(description, { ...send, authentication: 'eventsApiToken' })).toEqual([EVENTS]);
		expect(shownCredentials(description, { ...send, authentication: 'businessOAuth2' })).toEqual([BUSINESS]);
		// Other resources never ask for the Events API credential.
		expect(shownCredentials(description, { resource: 'campaign', operation: 'get' })).toEqual([BUSINESS]);
	});

	it('the trigger shows the Business credential for ad and lead events, the TikTok one for videos', () => {
		const trigger: INodeTypeDescription = new TikTokTrigger().description;
		const event = trigger.properties.find((p) => p.name === 'event');
		const events = ((event?.options ?? []) as Array<{ value: string }>).map((o) => o.value);
		expect(events.length).toBeGreaterThan(0);
		for (const value of events) {
			expect({ value, shown: shownCredentials(trigger, { event: value }) }).toEqual({
				value,
				shown: value === 'videoPosted' ? [DEVELOPERS] : [BUSINESS],
			});
		}
	});
});

describe('every example workflow opens in the editor with no node issue', () => {
	const files = fs.readdirSync(path.join(PACKAGE_ROOT, 'examples')).filter((f) => f.endsWith('.json'));
	const descriptions: Record<string, INodeTypeDescription> = {
		'n8n-nodes-tiktok-suite.tikTok': new TikTok().description,
		'n8n-nodes-tiktok-suite.tikTokTrigger': new TikTokTrigger().description,
		'n8n-nodes-tiktok-suite.tikTokLeadAdsTrigger': new TikTokLeadAdsTrigger().description,
	};

	it.each(files)('%s', (file) => {
		const workflow = JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'examples', file), 'utf8'));
		const ours = (workflow.nodes as INode[]).filter((n) => descriptions[n.type]);
		expect(ours.length).toBeGreaterThan(0);
		for (const example of ours) {
			const description = descriptions[example.type];
			const parameters = parametersOf(description, example.parameters);
			// Parameter issues, as the editor computes them.
			const issues = NodeHelpers.getNodeParametersIssues(description.properties, { ...example, parameters }, description);
			expect({ node: example.name, issues }).toEqual({ node: example.name, issues: null });
			// Credential issues: every credential the editor shows is set on the node, and the node sets no other.
			const shown = (description.credentials ?? [])
				.filter((c) => NodeHelpers.displayParameter(parameters, c, example, description))
				.map((c) => c.name);
			expect({ node: example.name, credentials: Object.keys(example.credentials ?? {}).sort() }).toEqual({
				node: example.name,
				credentials: shown.sort(),
			});
		}
	});
});
