/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
import fs from 'node:fs';
import path from 'node:path';

import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { PACKAGE_ROOT, loadPackage, runTikTokNode } from '../harness/engine';
import type { FakeTikTok } from '../harness/fake';
import { businessCredential, developersCredential, eventsCredential, useFake } from '../harness/fake';
import { binaryItem, wav } from '../media/audio-fixtures';
import { MB, mp4 } from '../post/video-fixtures';
import { useFastClock } from '../harness/clock';
import { pngImage } from '../creative/image-fixtures';
import { AD_GROUP_CREATE } from '../creative/adGroup-fixtures';

/**
 * Output schemas (`nodes/TikTok/__schema__/v1.0.0/<resource>/<operation>.json`, copied into dist/ by `n8n-node build`):
 * n8n serves them at /schemas/<nodeType>/<version>/<resource>/<operation>.json from the folder of the node's file
 * (packages/cli/src/load-nodes-and-credentials.ts `resolveSchema`, n8n-core `resolveOutputSchemaPath`), and the
 * editor shows their fields before the node has run.
 *
 * Every operation has a case below: it runs against the fake TikTok API with the editor's defaults, and every output
 * item must fit the schema (each field described, with its type). A new operation adds its case, then
 * `npm run schemas` writes the schema from the real output (review the diff) — see ARCHITECTURE.md "Adding an operation".
 */

type Case = {
	resource: string;
	operation: string;
	parameters: IDataObject;
	credentials: (fake: FakeTikTok) => ReturnType<typeof businessCredential>[];
	input?: () => INodeExecutionData[];
	/** Runs first (e.g. to get an ID the operation reads); its result is the input item's JSON. */
	setup?: (fake: FakeTikTok) => Promise<IDataObject>;
	/** The output is whatever TikTok answers (apiCall): a hand-written schema without fields, not generated. */
	generic?: true;
	/**
	 * The fields every item has; the others depend on the user's data (a lead's answers, one per question of the
	 * form) and are described as `additionalProperties` instead of by the sample's names.
	 */
	fixed?: string[];
};

const ADVERTISER = { __rl: true, mode: 'id', value: '7000000000000000001' };
/** An instant form of that advertiser in the fake (test/fake-tiktok/leads.js). */
const FORM = { __rl: true, mode: 'id', value: '7400000000000000101' };
const business = (fake: FakeTikTok) => [businessCredential(fake)];
const developers = (fake: FakeTikTok) => [developersCredential(fake)];
const POSTING_SCOPES = ['user.info.basic', 'user.info.profile', 'user.info.stats', 'video.list', 'video.publish', 'video.upload'];
const poster = (fake: FakeTikTok) => [developersCredential(fake, { scopes: POSTING_SCOPES })];
const VIDEO_URL = 'https://media.example.com/v/clip.mp4';

/** A live traffic campaign of the advertiser (a campaign create), for an ad group to go under. */
async function trafficCampaign(fake: FakeTikTok): Promise<string> {
	const { items } = await runTikTokNode({
		parameters: {
			resource: 'campaign',
			operation: 'create',
			advertiserId: ADVERTISER,
			campaignName: 'Schema traffic',
			objectiveType: 'TRAFFIC',
			budgetMode: 'BUDGET_MODE_DAY',
			budget: 500,
		},
		credentials: business(fake),
	});
	return String(items[0].json.campaign_id);
}

const AD_GROUP = {
	adGroupName: 'Schema group',
	...AD_GROUP_CREATE,
	additionalFields: { operationStatus: 'DISABLE' },
};

/** An ad group, a library video and the advertiser's identity: what an ad is made of. */
async function adParts(fake: FakeTikTok): Promise<IDataObject> {
	const campaignId = await trafficCampaign(fake);
	const group = await runTikTokNode({
		parameters: { resource: 'adGroup', operation: 'create', advertiserId: ADVERTISER, campaignId: { __rl: true, mode: 'id', value: campaignId }, ...AD_GROUP },
		credentials: business(fake),
	});
	const video = await runTikTokNode({
		parameters: { resource: 'creative', operation: 'uploadVideo', advertiserId: ADVERTISER },
		credentials: business(fake),
		input: [binaryItem(mp4(150_000, { seconds: 12 }), { fileName: 'schema-ad.mp4', mimeType: 'video/mp4' })],
	});
	const identity = (fake.state.world.identities as Array<Record<string, string>>).find((i) => i.advertiser_id === ADVERTISER.value)!;
	return { adGroupId: group.items[0].json.adgroup_id, videoId: video.items[0].json.video_id, identityId: identity.identity_id };
}

const AD = {
	adGroupId: '={{ $json.adGroupId }}',
	adName: 'Schema ad',
	adFormat: 'SINGLE_VIDEO',
	identityType: 'CUSTOMIZED_USER',
	identityId: '={{ $json.identityId }}',
	videoId: '={{ $json.videoId }}',
	adText: 'The summer collection is here',
	callToAction: 'SHOP_NOW',
	landingPageUrl: 'https://example.com/summer',
	additionalFields: { operationStatus: 'DISABLE' },
};

export const CASES: Case[] = [
	{ resource: 'ad', operation: 'create', parameters: { advertiserId: ADVERTISER, ...AD }, credentials: business, setup: adParts },
	{
		resource: 'ad',
		operation: 'update',
		parameters: { advertiserId: ADVERTISER, adId: '={{ $json.adId }}', updateFields: { adText: 'Last days of the summer sale' } },
		credentials: business,
		setup: async (fake) => {
			const { items } = await runTikTokNode({
				parameters: { resource: 'ad', operation: 'create', advertiserId: ADVERTISER, ...AD },
				credentials: business(fake),
				input: [{ json: await adParts(fake) }],
			});
			return { adId: items[0].json.ad_id };
		},
	},
	{
		resource: 'adGroup',
		operation: 'create',
		parameters: { advertiserId: ADVERTISER, campaignId: '={{ $json.campaignId }}', ...AD_GROUP },
		credentials: business,
		setup: async (fake) => ({ campaignId: await trafficCampaign(fake) }),
	},
	{
		resource: 'creative',
		operation: 'uploadImage',
		parameters: { advertiserId: ADVERTISER },
		credentials: business,
		input: () => [binaryItem(pngImage(1080, 1080, 8192), { fileName: 'schema-cover.png', mimeType: 'image/png' })],
	},
	{
		resource: 'creative',
		operation: 'uploadVideo',
		parameters: { advertiserId: ADVERTISER },
		credentials: business,
		input: () => [binaryItem(mp4(200_000, { seconds: 9 }), { fileName: 'schema-clip.mp4', mimeType: 'video/mp4' })],
	},
	{ resource: 'ad', operation: 'get', parameters: { advertiserId: ADVERTISER, adId: '={{ $json.adId }}' }, credentials: business },
	{
		resource: 'adGroup',
		operation: 'get',
		parameters: { advertiserId: ADVERTISER, adGroupId: '={{ $json.adGroupId }}' },
		credentials: business,
	},
	{ resource: 'adGroup', operation: 'getMany', parameters: { advertiserId: ADVERTISER, limit: 20 }, credentials: business },
	{
		resource: 'adGroup',
		operation: 'update',
		parameters: { advertiserId: ADVERTISER, adGroupId: '={{ $json.adGroupId }}', updateFields: { adGroupName: 'Renamed group' } },
		credentials: business,
	},
	{
		resource: 'adGroup',
		operation: 'updateStatus',
		parameters: { advertiserId: ADVERTISER, adGroupId: '={{ $json.adGroupId }}', operationStatus: 'DISABLE' },
		credentials: business,
	},
	{ resource: 'advertiser', operation: 'get', parameters: { advertiserId: ADVERTISER }, credentials: business },
	{ resource: 'advertiser', operation: 'getMany', parameters: { limit: 10 }, credentials: business },
	{
		resource: 'campaign',
		operation: 'create',
		parameters: {
			advertiserId: ADVERTISER,
			campaignName: 'Schema promo',
			objectiveType: 'TRAFFIC',
			budgetMode: 'BUDGET_MODE_DAY',
			budget: 120.5,
		},
		credentials: business,
	},
	{
		resource: 'campaign',
		operation: 'get',
		parameters: { advertiserId: ADVERTISER, campaignId: '={{ $json.campaignId }}' },
		credentials: business,
	},
	{ resource: 'campaign', operation: 'getMany', parameters: { advertiserId: ADVERTISER, limit: 20 }, credentials: business },
	{
		resource: 'campaign',
		operation: 'update',
		parameters: { advertiserId: ADVERTISER, campaignId: '={{ $json.campaignId }}', updateFields: { campaignName: 'Renamed' } },
		credentials: business,
	},
	{
		resource: 'campaign',
		operation: 'updateStatus',
		parameters: { advertiserId: ADVERTISER, campaignId: '={{ $json.campaignId }}', operationStatus: 'DISABLE' },
		credentials: business,
	},
	{ resource: 'ad', operation: 'getMany', parameters: { advertiserId: ADVERTISER, limit: 20 }, credentials: business },
	{
		resource: 'ad',
		operation: 'updateStatus',
		parameters: { advertiserId: ADVERTISER, adId: '={{ $json.adId }}', operationStatus: 'DISABLE' },
		credentials: business,
	},
	{
		resource: 'adReport',
		operation: 'getMany',
		parameters: {
			advertiserId: ADVERTISER,
			dateRange: 'custom',
			startDate: '2026-06-01T00:00:00',
			endDate: '2026-06-03T00:00:00',
			limit: 20,
		},
		credentials: business,
	},
	{
		resource: 'apiCall',
		operation: 'make',
		parameters: { api: 'business', method: 'GET', url: '/advertiser/info/', query: '={{ { advertiser_ids: ["7000000000000000001"] } }}' },
		credentials: business,
		generic: true,
	},
	{
		resource: 'event',
		operation: 'send',
		parameters: {
			authentication: 'eventsApiToken',
			pixelCode: { __rl: true, mode: 'id', value: 'CFAKEPIXEL0001' },
			event: 'Purchase',
			pageUrl: 'https://shop.example.com/thank-you',
			userData: { email: 'someone@example.com' },
			eventProperties: { currency: 'EUR', value: 20 },
			options: { testEventCode: 'TEST1' },
		},
		credentials: (fake) => [eventsCredential(fake)],
	},
	{
		resource: 'sound',
		operation: 'upload',
		parameters: { advertiserId: ADVERTISER },
		credentials: business,
		input: () => [binaryItem(wav(12), { fileName: 'jingle.wav', mimeType: 'audio/wav' })],
	},
	{
		resource: 'lead',
		operation: 'getMany',
		parameters: { advertiserId: ADVERTISER, formId: FORM, limit: 20 },
		credentials: business,
		fixed: ['lead_id', 'create_time', 'form_id', 'ad_id', 'ad_name', 'campaign_id', 'campaign_name', 'advertiser_id'],
	},
	{ resource: 'leadForm', operation: 'get', parameters: { advertiserId: ADVERTISER, formId: FORM }, credentials: business },
	{ resource: 'leadForm', operation: 'getMany', parameters: { advertiserId: ADVERTISER, limit: 20 }, credentials: business },
	{
		resource: 'post',
		operation: 'getStatus',
		parameters: { publishId: '={{ $json.publishId }}' },
		credentials: poster,
		setup: async (fake) => {
			const { items } = await runTikTokNode({
				parameters: { resource: 'post', operation: 'uploadVideoDraft', source: 'url', videoUrl: VIDEO_URL, waitForCompletion: false },
				credentials: poster(fake),
			});
			return { publishId: items[0].json.publishId };
		},
	},
	{
		resource: 'post',
		operation: 'publishPhotos',
		parameters: { photoUrls: 'https://media.example.com/p/1.jpg', privacyLevel: 'SELF_ONLY' },
		credentials: poster,
	},
	{
		// One video pulled from a URL, one uploaded from a binary: the output has the fields of both.
		resource: 'post',
		operation: 'publishVideo',
		parameters: { source: '={{ $json.source }}', videoUrl: VIDEO_URL, privacyLevel: 'SELF_ONLY' },
		credentials: poster,
		input: () => [
			{ json: { source: 'url' } },
			{ ...binaryItem(mp4(MB, { seconds: 12 }), { fileName: 'clip.mp4', mimeType: 'video/mp4' }), json: { source: 'binary' } },
		],
	},
	{ resource: 'post', operation: 'uploadVideoDraft', parameters: { source: 'url', videoUrl: VIDEO_URL }, credentials: poster },
	{ resource: 'user', operation: 'get', parameters: {}, credentials: poster },
	{ resource: 'user', operation: 'getCreatorInfo', parameters: {}, credentials: poster },
	{ resource: 'video', operation: 'getMany', parameters: { limit: 5 }, credentials: developers },
	{ resource: 'video', operation: 'getEmbed', parameters: { videoUrl: '={{ $json.videoUrl }}' }, credentials: () => [] },
];

const SCHEMA_DIR = (root: string) => path.join(root, 'nodes', 'TikTok', '__schema__', 'v1.0.0');

type Schema = {
	type?: string | string[];
	description?: string;
	properties?: Record<string, Schema>;
	items?: Schema;
	additionalProperties?: Schema;
};

function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value === 'object' ? 'object' : typeof value;
}

/** A JSON schema of the values seen (n8n's schemas are plain JSON Schema: type, properties, items). */
function infer(values: unknown[]): Schema {
	const present = values.filter((v) => v !== undefined);
	const types = [...new Set(present.map(typeOf))].filter((t) => t !== 'null');
	// Only ever null in the sample (an ID TikTok fills in later): text or null.
	if (types.length === 0) return { type: ['null', 'string'] };
	const type = types.length === 1 ? types[0] : types.sort();
	const schema: Schema = { type };
	if (types.includes('object')) {
		const objects = present.filter((v) => typeOf(v) === 'object') as IDataObject[];
		const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))];
		schema.properties = Object.fromEntries(keys.map((k) => [k, infer(objects.map((o) => o[k]))]));
	}
	if (types.includes('array')) schema.items = infer((present.filter(Array.isArray) as unknown[][]).flat());
	return schema;
}

/** The paths at which `value` does not fit `schema`. */
function misfits(value: unknown, schema: Schema, at = '$'): string[] {
	const allowed = Array.isArray(schema.type) ? schema.type : [schema.type];
	const actual = typeOf(value);
	if (actual === 'null' || allowed.includes(actual) || (actual === 'number' && allowed.includes('integer'))) {
		if (actual === 'object' && schema.properties) {
			return Object.entries(value as IDataObject).flatMap(([k, v]) =>
				schema.properties![k]
					? misfits(v, schema.properties![k], `${at}.${k}`)
					: schema.additionalProperties
						? misfits(v, schema.additionalProperties, `${at}.${k}`)
						: [`${at}.${k} is not in the schema`],
			);
		}
		if (actual === 'array' && schema.items) return (value as unknown[]).flatMap((v, i) => misfits(v, schema.items!, `${at}[${i}]`));
		return [];
	}
	return [`${at} is ${actual}, the schema says ${String(schema.type)}`];
}

function operationsOfNode(properties: INodeProperties[]): Array<[string, string]> {
	const pairs: Array<[string, string]> = [];
	for (const p of properties) {
		if (p.name !== 'operation' || !p.options) continue;
		for (const resource of (p.displayOptions?.show?.resource as string[]) ?? []) {
			for (const option of p.options as Array<{ value: string }>) pairs.push([resource, option.value]);
		}
	}
	return pairs;
}


/** Backoff, Retry-After and limiter waits are fast-forwarded (test/harness/clock.ts), not sat through. */
useFastClock();

describe('output schemas: one per operation, fitting what the operation returns', () => {
	const fake = useFake();

	it('every operation of the node has a case here and a schema n8n finds in the built package', async () => {
		const { nodeTypes } = await loadPackage();
		const description = (nodeTypes.getByName('n8n-nodes-tiktok-suite.tikTok') as { description: { properties: INodeProperties[] } })
			.description;
		const operations = operationsOfNode(description.properties);
		expect(operations.length).toBeGreaterThanOrEqual(8);
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { resolveOutputSchemaPath, loadOutputSchema } = require('n8n-core') as {
			resolveOutputSchemaPath: (ref: object) => string | undefined;
			loadOutputSchema: (ref: object) => Schema | undefined;
		};
		const nodeDir = path.join(PACKAGE_ROOT, 'dist', 'nodes', 'TikTok');
		for (const [resource, operation] of operations) {
			expect(CASES.some((c) => c.resource === resource && c.operation === operation) ? `${resource}.${operation}` : 'no case').toBe(
				`${resource}.${operation}`,
			);
			const ref = { nodeDir, version: 1, resource, operation };
			expect(resolveOutputSchemaPath(ref)).toBe(path.join(nodeDir, '__schema__', 'v1.0.0', resource, `${operation}.json`));
			const schema = loadOutputSchema({ ...ref, versionFallback: true });
			expect(schema?.type).toBe('object');
			const generic = CASES.find((c) => c.resource === resource && c.operation === operation)?.generic === true;
			expect(Object.keys(schema?.properties ?? {}).length > 0).toBe(!generic);
		}
	});

	it.each(CASES.map((c) => [`${c.resource}.${c.operation}`, c] as const))('%s: every output item fits its schema', async (_name, c) => {
		const ad = (fake.state.world.ads as Array<{ ad_id: string; advertiser_id: string; adgroup_id: string; campaign_id: string }>).find(
			(a) => a.advertiser_id === ADVERTISER.value,
		)!;
		const video = (fake.state.world.videos as Array<{ share_url: string }>)[0];
		const defaults = { adId: ad.ad_id, adGroupId: ad.adgroup_id, campaignId: ad.campaign_id, videoUrl: video.share_url };
		const input = c.input?.() ?? [{ json: { ...defaults, ...(await c.setup?.(fake)) } }];
		const parameters = {
			resource: c.resource,
			operation: c.operation,
			...c.parameters,
			...(c.operation === 'getEmbed' ? { options: { oembedUrl: `${fake.url}/oembed` } } : {}),
		};
		const { items, error } = await runTikTokNode({ parameters, credentials: c.credentials(fake), input });
		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThan(0);

		const file = path.join(SCHEMA_DIR(PACKAGE_ROOT), c.resource, `${c.operation}.json`);
		if (process.env.GENERATE_SCHEMAS === '1' && !c.generic) {
			fs.mkdirSync(path.dirname(file), { recursive: true });
			const schema = infer(items.map((i) => i.json));
			if (c.fixed) {
				const all = schema.properties ?? {};
				schema.properties = Object.fromEntries(c.fixed.filter((k) => all[k]).map((k) => [k, all[k]]));
				schema.additionalProperties = { type: 'string', description: 'Data-dependent fields, e.g. one per question of the form' };
			}
			fs.writeFileSync(file, JSON.stringify(schema, null, '\t') + '\n');
		}
		const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as Schema;
		expect(items.flatMap((item) => misfits(item.json, schema))).toEqual([]);
	});
});
