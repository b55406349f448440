import type { ILoadOptionsFunctions, INodeListSearchResult, INodeParameters, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { createAdditionalData, createCredentialsHelper, loadPackage, triggerNode, triggerWorkflow } from '../harness/engine';
import { businessCredential, useFake } from '../harness/fake';
import { ADV1, FORM_DRAFT, FORM_DRIVE, FORM_NEWSLETTER, PAGE_GET, rl } from './helpers';

// After the harness: it prepares n8n-core's environment.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { LoadOptionsContext } = require('n8n-core') as typeof import('n8n-core');

describe('Instant form pickers (the trigger\'s Instant Forms list, the Instant Form locator search)', () => {
	const fake = useFake();

	async function context(parameters: INodeParameters): Promise<{ context: ILoadOptionsFunctions; nodeType: INodeType }> {
		const { nodeTypes } = await loadPackage();
		const node = triggerNode(parameters, { tikTokBusinessOAuth2Api: 'business-1' });
		const workflow = await triggerWorkflow(node);
		const additionalData = createAdditionalData(await createCredentialsHelper([businessCredential(fake)]));
		additionalData.currentNodeParameters = parameters;
		const ctx = new LoadOptionsContext(workflow, node, additionalData, 'parameters.pageIds');
		return { context: ctx as unknown as ILoadOptionsFunctions, nodeType: nodeTypes.getByNameAndVersion(node.type, 1) as INodeType };
	}

	it('lists the chosen advertiser\'s instant forms, drafts marked, 100 per page', async () => {
		const { context: ctx, nodeType } = await context({ event: 'leadReceived', advertiserId: rl(ADV1) });
		const load = nodeType.methods!.loadOptions!.getLeadForms as (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>;
		const options = await load.call(ctx);
		expect(options.map((o) => o.value).sort()).toEqual([FORM_DRIVE, FORM_NEWSLETTER, FORM_DRAFT]);
		expect(options.find((o) => o.value === FORM_DRAFT)!.name).toBe(`Autumn offer (draft) (${FORM_DRAFT}, draft)`);
		expect(fake.state.requestsTo(PAGE_GET)[0].query).toMatchObject({ advertiser_id: ADV1, business_type: 'LEAD_GEN', page_size: '100' });
	});

	it('searches forms by title, and lists nothing while no advertiser is chosen', async () => {
		const { context: ctx, nodeType } = await context({ event: 'leadReceived', advertiserId: rl(ADV1) });
		const search = nodeType.methods!.listSearch!.searchLeadForms as (this: ILoadOptionsFunctions, filter?: string) => Promise<INodeListSearchResult>;
		expect((await search.call(ctx, 'spring')).results.map((r) => r.value)).toEqual([FORM_DRIVE]);
		const none = await context({ event: 'leadReceived', advertiserId: rl('') });
		const before = fake.state.requestsTo(PAGE_GET).length;
		expect(await search.call(none.context)).toEqual({ results: [] });
		const load = nodeType.methods!.loadOptions!.getLeadForms as (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>;
		expect(await load.call(none.context)).toEqual([]);
		expect(fake.state.requestsTo(PAGE_GET)).toHaveLength(before);
	});
});
