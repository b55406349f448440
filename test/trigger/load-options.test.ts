import type { ILoadOptionsFunctions, INodeParameters, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { createAdditionalData, createCredentialsHelper, loadPackage, triggerNode, triggerWorkflow } from '../harness/engine';
import { BUSINESS_PREFIX, businessCredential, useFake } from '../harness/fake';
import { ADVERTISERS } from './helpers';

// After the harness: it prepares n8n-core's environment.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { LoadOptionsContext } = require('n8n-core') as typeof import('n8n-core');

const [ADV1, ADV2] = ADVERTISERS;

describe('TikTok Trigger: the advertiser, campaign and ad group lists (loadOptions, as the editor calls them)', () => {
	const fake = useFake();

	/** Calls a loadOptions method of the trigger with the editor's current parameters, through n8n-core's context. */
	async function load(method: string, parameters: INodeParameters, credentialData = {}): Promise<INodePropertyOptions[]> {
		const { nodeTypes } = await loadPackage();
		const node = triggerNode(parameters, { tikTokBusinessOAuth2Api: 'business-1' });
		const workflow = await triggerWorkflow(node);
		const helper = await createCredentialsHelper([businessCredential(fake, credentialData)]);
		const additionalData = createAdditionalData(helper);
		additionalData.currentNodeParameters = parameters;
		const context = new LoadOptionsContext(workflow, node, additionalData, `parameters.${method}`);
		const nodeType = nodeTypes.getByNameAndVersion(node.type, 1) as INodeType;
		const loader = nodeType.methods!.loadOptions![method] as (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>;
		return await loader.call(context as unknown as ILoadOptionsFunctions);
	}

	it('lists the advertisers the token reaches', async () => {
		const options = await load('getAdvertisers', { event: 'adCreated' });
		expect(options.map((o) => o.value)).toEqual(ADVERTISERS);
		expect(options[0].name).toBe(`Acme Shoes (UTC+8) (${ADV1})`);
		expect(fake.state.requestsTo(`${BUSINESS_PREFIX}/oauth2/advertiser/get/`)).toHaveLength(1);
	});

	it('explains that the sandbox cannot list advertisers', async () => {
		await expect(load('getAdvertisers', { event: 'adCreated' }, { environment: 'sandbox' })).rejects.toThrow(
			/does not list advertisers in the sandbox/,
		);
	});

	it('lists the campaigns of the chosen advertisers, sorted by name', async () => {
		const options = await load('getCampaigns', { event: 'adCreated', advertiserIds: [ADV1, ADV2] });
		const expected = fake.state.world.campaigns.filter((c) => [ADV1, ADV2].includes(String(c.advertiser_id)));
		expect(options.map((o) => o.value).sort()).toEqual(expected.map((c) => c.campaign_id).sort());
		expect(options.map((o) => o.name)).toEqual([...options.map((o) => o.name)].sort((a, b) => a.localeCompare(b)));
		const requests = fake.state.requestsTo(`${BUSINESS_PREFIX}/campaign/get/`);
		// Per advertiser: TikTok's default listing, then its TopView (reservation) campaigns.
		expect(requests.map((r) => r.query.advertiser_id)).toEqual([ADV1, ADV1, ADV2, ADV2]);
		expect(JSON.parse(requests[1].query.filtering)).toEqual({ buying_types: ['RESERVATION_TOP_VIEW'] });
		expect(JSON.parse(requests[0].query.fields)).toEqual(['campaign_id', 'campaign_name']);
	});

	it('lists the ad groups of the chosen campaigns', async () => {
		const campaign = fake.state.world.campaigns.find((c) => c.advertiser_id === ADV1)!;
		const options = await load('getAdGroups', {
			event: 'adCreated',
			advertiserIds: [ADV1],
			filters: { campaignIds: [String(campaign.campaign_id)] },
		});
		const expected = fake.state.world.adgroups.filter((g) => g.campaign_id === campaign.campaign_id);
		expect(options.map((o) => o.value).sort()).toEqual(expected.map((g) => g.adgroup_id).sort());
		const [request] = fake.state.requestsTo(`${BUSINESS_PREFIX}/adgroup/get/`);
		expect(JSON.parse(request.query.filtering)).toEqual({ campaign_ids: [campaign.campaign_id] });
	});

	it('lists nothing, and asks TikTok nothing, while no advertiser is chosen (the hint says to choose one first)', async () => {
		expect(await load('getCampaigns', { event: 'adCreated', advertiserIds: [] })).toEqual([]);
		expect(await load('getAdGroups', { event: 'adCreated', advertiserIds: [] })).toEqual([]);
		expect(fake.state.requests).toHaveLength(0);
	});
});
