import type {
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { NODE_TYPE, createAdditionalData, createCredentialsHelper, loadPackage, tikTokNode } from '../harness/engine';
import type { StoredCredential } from '../harness/credentials';
import { ADV1, BUSINESS_PREFIX, businessCredential, useFake } from '../harness/fake';

// Loaded after ../harness/engine has set up n8n's environment.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const core = require('n8n-core') as typeof import('n8n-core');

const ADVERTISER = ADV1;

/**
 * Calls a loadOptions / listSearch method of the built node as the editor does: n8n-core's LoadOptionsContext over
 * the node's current parameters, with the node's credential.
 */
async function callMethod<T>(
	kind: 'loadOptions' | 'listSearch',
	method: string,
	parameters: INodeParameters,
	credential: StoredCredential,
	filter?: string,
): Promise<T> {
	const { nodeTypes } = await loadPackage();
	const credentialsHelper = await createCredentialsHelper([credential]);
	const node = tikTokNode(parameters, { [credential.type]: credential.id });
	const workflow = new Workflow({
		id: 'methods',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1' },
	});
	const additionalData = createAdditionalData(credentialsHelper);
	additionalData.currentNodeParameters = parameters;
	const context = new core.LoadOptionsContext(workflow, node, additionalData, 'parameters.x');
	const type = nodeTypes.getByNameAndVersion(NODE_TYPE, 1) as INodeType;
	const fn = (type.methods?.[kind] as Record<string, (this: ILoadOptionsFunctions, filter?: string) => Promise<T>>)[method];
	return await fn.call(context, filter);
}

describe('advertiser, campaign and ad group pickers', () => {
	const fake = useFake();

	const base = (advertiserId: unknown = { __rl: true, mode: 'list', value: ADVERTISER }, filters = {}) => ({
		resource: 'ad',
		operation: 'getMany',
		advertiserId,
		filters,
	}) as INodeParameters;

	it('lists the campaigns of the chosen advertiser, by name with their IDs, in one request of 1000', async () => {
		const options = await callMethod<INodePropertyOptions[]>('loadOptions', 'getCampaigns', base(), businessCredential(fake));
		const expected = fake.state.world.campaigns.filter((c) => c.advertiser_id === ADVERTISER);
		expect(options.map((o) => o.value).sort()).toEqual(expected.map((c) => c.campaign_id).sort());
		const first = expected[0];
		expect(options).toContainEqual({ name: `${String(first.campaign_name)} (${String(first.campaign_id)})`, value: first.campaign_id });
		const [request] = fake.state.requestsTo(`${BUSINESS_PREFIX}/campaign/get/`);
		expect(request.query).toMatchObject({ advertiser_id: ADVERTISER, page: '1', page_size: '1000' });
		expect(JSON.parse(request.query.fields)).toEqual(['campaign_id', 'campaign_name']);
	});

	it('loads for an advertiser typed by ID too', async () => {
		const options = await callMethod<INodePropertyOptions[]>(
			'loadOptions',
			'getCampaigns',
			base({ __rl: true, mode: 'id', value: '7000000000000000003' }),
			businessCredential(fake),
		);
		expect(options.length).toBe(fake.state.world.campaigns.filter((c) => c.advertiser_id === '7000000000000000003').length);
	});

	it('lists ad groups of the chosen advertiser, narrowed to the chosen campaigns', async () => {
		const campaigns = fake.state.world.campaigns.filter((c) => c.advertiser_id === ADVERTISER).slice(0, 2);
		const all = await callMethod<INodePropertyOptions[]>('loadOptions', 'getAdGroups', base(), businessCredential(fake));
		expect(all.length).toBe(fake.state.world.adgroups.filter((g) => g.advertiser_id === ADVERTISER).length);
		const narrowed = await callMethod<INodePropertyOptions[]>(
			'loadOptions',
			'getAdGroups',
			base(undefined, { campaignIds: campaigns.map((c) => c.campaign_id) }),
			businessCredential(fake),
		);
		const expected = fake.state.world.adgroups.filter((g) => campaigns.some((c) => c.campaign_id === g.campaign_id));
		expect(narrowed.map((o) => o.value).sort()).toEqual(expected.map((g) => g.adgroup_id).sort());
		// TikTok's default listing, then the TopView (reservation) ad groups with the same filter.
		const [listing, topView] = fake.state.requestsTo(`${BUSINESS_PREFIX}/adgroup/get/`).slice(-2);
		expect(JSON.parse(listing?.query.filtering ?? '{}')).toEqual({ campaign_ids: campaigns.map((c) => c.campaign_id) });
		expect(JSON.parse(topView?.query.filtering ?? '{}')).toEqual({
			campaign_ids: campaigns.map((c) => c.campaign_id),
			buying_types: ['RESERVATION_TOP_VIEW'],
		});
	});

	it('lists nothing, and asks TikTok nothing, while no advertiser is chosen (the hint says to choose one first)', async () => {
		for (const method of ['getCampaigns', 'getAdGroups']) {
			expect(await callMethod('loadOptions', method, base({ __rl: true, mode: 'list', value: '' }), businessCredential(fake))).toEqual([]);
		}
		expect(fake.state.requests).toHaveLength(0);
	});

	it.each([
		['searchCampaigns', 'campaigns', 'campaign_id', 'campaign_name', '/campaign/get/'],
		['searchAdGroups', 'adgroups', 'adgroup_id', 'adgroup_name', '/adgroup/get/'],
		['searchAds', 'ads', 'ad_id', 'ad_name', '/ad/get/'],
	])('%s: the Campaign / Ad Group / Ad locators list the advertiser\'s %s, searched by TikTok by name or ID', async (method, world, idKey, nameKey, path) => {
		const own = (fake.state.world[world] as Array<Record<string, unknown>>).filter((o) => o.advertiser_id === ADVERTISER && !o.__deleted);
		const all = await callMethod<INodeListSearchResult>('listSearch', method, base(), businessCredential(fake));
		expect(all.results.map((r) => r.value).sort()).toEqual(own.map((o) => String(o[idKey])).sort());
		expect(all.results).toContainEqual({ name: `${String(own[0][nameKey])} (${String(own[0][idKey])})`, value: String(own[0][idKey]) });
		// TikTok's default listing (and the TopView one, which may come first): the default one is asked for 1000.
		const defaultListing = () =>
			fake.state.requestsTo(`${BUSINESS_PREFIX}${path}`).filter((r) => !(r.query.filtering ?? '').includes('buying_types'));
		const [listing] = defaultListing();
		expect(listing.query).toMatchObject({ advertiser_id: ADVERTISER, page_size: '1000' });
		expect(JSON.parse(listing.query.fields)).toEqual([idKey, nameKey]);

		fake.state.clearRequests();
		const byName = await callMethod<INodeListSearchResult>('listSearch', method, base(), businessCredential(fake), String(own[0][nameKey]));
		expect(byName.results.map((r) => r.value)).toContain(String(own[0][idKey]));
		expect(JSON.parse(defaultListing()[0].query.filtering)).toEqual({ [nameKey]: String(own[0][nameKey]) });

		fake.state.clearRequests();
		const byId = await callMethod<INodeListSearchResult>('listSearch', method, base(), businessCredential(fake), String(own[1][idKey]));
		expect(byId.results.map((r) => r.value)).toEqual([String(own[1][idKey])]);
		expect(JSON.parse(defaultListing()[0].query.filtering)).toEqual({ [`${idKey}s`]: [String(own[1][idKey])] });

		fake.state.clearRequests();
		expect(await callMethod('listSearch', method, base({ __rl: true, mode: 'list', value: '' }), businessCredential(fake))).toEqual({ results: [] });
		expect(fake.state.requests).toHaveLength(0);
	});

	it('lists the advertisers the credential reaches, searchable by name or ID', async () => {
		const all = await callMethod<INodeListSearchResult>('listSearch', 'searchAdvertisers', base(), businessCredential(fake));
		expect(all.results.map((r) => r.value)).toEqual(fake.state.world.advertisers.map((a) => a.advertiser_id));
		expect(all.results[0].name).toBe(`Acme Shoes (UTC+8) (${ADVERTISER})`);
		const coffee = await callMethod<INodeListSearchResult>('listSearch', 'searchAdvertisers', base(), businessCredential(fake), 'coffee');
		expect(coffee.results.map((r) => r.value)).toEqual(['7000000000000000002']);
	});

	it('says in the sandbox that TikTok does not list advertisers, without calling TikTok', async () => {
		await expect(
			callMethod('listSearch', 'searchAdvertisers', base(), businessCredential(fake, { environment: 'sandbox' })),
		).rejects.toThrow(/does not list advertisers in the sandbox: choose "By ID"/);
		expect(fake.state.requests).toHaveLength(0);
	});
});
