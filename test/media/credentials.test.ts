/* eslint-disable @n8n/community-nodes/no-deprecated-workflow-functions -- a test, not node code: its own rules are test/eslint.config.mjs */
import type { IExecuteFunctions, INode, INodeExecutionData, INodeParameters, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { NODE_TYPE, createCredentialsHelper, loadPackage, runWorkflow } from '../harness/engine';
import { BUSINESS_PREFIX, FAKE, businessCredential, developersCredential, useFake } from '../harness/fake';

describe('which credential the tikTok node asks for', () => {
	let description: INodeTypeDescription;
	beforeAll(async () => {
		const { nodeTypes } = await loadPackage();
		description = (nodeTypes.getByNameAndVersion(NODE_TYPE, 1) as INodeType).description;
	});

	/** The credentials the editor shows (and the engine accepts) for these parameters, defaults filled in as n8n does. */
	function shownCredentials(parameters: INodeParameters): string[] {
		const node = { id: 'n', name: 'TikTok', type: NODE_TYPE, typeVersion: 1, position: [0, 0], parameters } as INode;
		const resolved = NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description) ?? {};
		return (description.credentials ?? [])
			.filter((credential) => NodeHelpers.displayParameter(resolved, credential, node, description, resolved))
			.map((credential) => credential.name);
	}

	it.each([
		['video.getMany', { resource: 'video', operation: 'getMany' }, ['tikTokOAuth2Api']],
		['video.getEmbed (none: oEmbed is public)', { resource: 'video', operation: 'getEmbed' }, []],
		['sound.upload', { resource: 'sound', operation: 'upload' }, ['tikTokBusinessOAuth2Api']],
		['apiCall.make with the default API (business)', { resource: 'apiCall', operation: 'make' }, ['tikTokBusinessOAuth2Api']],
		['apiCall.make with api business', { resource: 'apiCall', operation: 'make', api: 'business' }, ['tikTokBusinessOAuth2Api']],
		['apiCall.make with api developers', { resource: 'apiCall', operation: 'make', api: 'developers' }, ['tikTokOAuth2Api']],
		['ad.get', { resource: 'ad', operation: 'get' }, ['tikTokBusinessOAuth2Api']],
	])('%s', (_label, parameters, expected) => {
		expect(shownCredentials(parameters as INodeParameters)).toEqual(expected);
	});
});

/**
 * A stand-in for n8n's HTTP Request node (n8n-nodes-base is not a dependency of this package): with "predefined
 * credential type" it calls `requestWithAuthentication(nodeCredentialType, options, undefined, itemIndex)` (HTTP
 * Request V3: no extra OAuth2 options for credential types outside n8n's own list), which is what the editor's
 * automatic "Custom API Call" leads to. `httpRequestWithAuthentication` is the same path for newer callers. Registered
 * under n8n-nodes-base.httpRequest so n8n-core grants it the same access to any credential.
 */
const httpRequestStandIn: INodeType = {
	description: {
		displayName: 'HTTP Request (stand-in)',
		name: 'httpRequest',
		group: ['output'],
		version: 4,
		description: 'Stand-in for n8n-nodes-base.httpRequest with a predefined credential type',
		defaults: { name: 'HTTP Request' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'Authentication', name: 'authentication', type: 'string', default: 'predefinedCredentialType' },
			{ displayName: 'Credential Type', name: 'nodeCredentialType', type: 'string', default: '' },
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Helper', name: 'helper', type: 'string', default: 'requestWithAuthentication' },
		],
	} as INodeTypeDescription,
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentialType = this.getNodeParameter('nodeCredentialType', 0) as string;
		const url = this.getNodeParameter('url', 0) as string;
		const response =
			this.getNodeParameter('helper', 0) === 'requestWithAuthentication'
				? await this.helpers.requestWithAuthentication.call(this, credentialType, { method: 'GET', uri: url, json: true }, undefined, 0)
				: await this.helpers.httpRequestWithAuthentication.call(this, credentialType, { method: 'GET', url, json: true });
		return [[{ json: response as INodeExecutionData['json'], pairedItem: { item: 0 } }]];
	},
};

describe("both credentials in n8n's HTTP Request node (predefined credential type / Custom API Call)", () => {
	const fake = useFake();

	async function httpRequest(credentialType: string, credentialId: string, url: string, helper: string, credentialsHelper?: Awaited<ReturnType<typeof createCredentialsHelper>>) {
		const node: INode = {
			id: 'http-1',
			name: 'HTTP Request',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4,
			position: [0, 0],
			parameters: { authentication: 'predefinedCredentialType', nodeCredentialType: credentialType, url, helper },
			credentials: { [credentialType]: { id: credentialId, name: credentialType } },
		};
		return await runWorkflow({ nodes: [node], credentialsHelper, extraNodeTypes: { 'n8n-nodes-base.httpRequest': httpRequestStandIn } });
	}

	const advertisersUrl = () => `${fake.url}${BUSINESS_PREFIX}/oauth2/advertiser/get/?app_id=${FAKE.businessAppId}&secret=${FAKE.businessSecret}`;

	it.each([['requestWithAuthentication'], ['httpRequestWithAuthentication']])(
		'the Business credential signs Access-Token (%s)',
		async (helper) => {
			const credentialsHelper = await createCredentialsHelper([businessCredential(fake)]);
			const run = await httpRequest('tikTokBusinessOAuth2Api', 'business-1', advertisersUrl(), helper, credentialsHelper);
			expect(run.error).toBeUndefined();
			expect(run.output('HTTP Request')[0].json).toMatchObject({ code: 0 });
			const [request] = fake.state.requestsTo(`${BUSINESS_PREFIX}/oauth2/advertiser/get/`);
			expect(request.headers['access-token']).toBe(FAKE.businessToken);
			expect(request.headers.authorization).toBeUndefined();
		},
	);

	it('the Business credential exchanges its authorization code first, then signs with the exchanged token', async () => {
		const { auth_code: authCode } = (await (await fetch(`${fake.url}/__fake/business/auth-code`, { method: 'POST' })).json()) as { auth_code: string };
		const credential = businessCredential(fake, { accessToken: '', authCode }, 'business-code');
		const credentialsHelper = await createCredentialsHelper([credential]);
		const run = await httpRequest('tikTokBusinessOAuth2Api', 'business-code', advertisersUrl(), 'requestWithAuthentication', credentialsHelper);
		expect(run.error).toBeUndefined();
		const exchanged = credentialsHelper.get('business-code')?.data.exchangedAccessToken as string;
		expect(exchanged).toMatch(/^biz-/);
		expect(fake.state.requestsTo(`${BUSINESS_PREFIX}/oauth2/access_token/`)).toHaveLength(1);
		expect(fake.state.requestsTo(`${BUSINESS_PREFIX}/oauth2/advertiser/get/`)[0].headers['access-token']).toBe(exchanged);
	});

	it.each([['requestWithAuthentication'], ['httpRequestWithAuthentication']])(
		'the OAuth2 credential signs Authorization: Bearer (%s)',
		async (helper) => {
			const credential = developersCredential(fake);
			const credentialsHelper = await createCredentialsHelper([credential]);
			const run = await httpRequest('tikTokOAuth2Api', credential.id, `${fake.url}/v2/user/info/?fields=open_id,display_name`, helper, credentialsHelper);
			expect(run.error).toBeUndefined();
			expect(run.output('HTTP Request')[0].json).toMatchObject({ data: { user: { display_name: 'Fake Creator' } }, error: { code: 'ok' } });
			const [request] = fake.state.requestsTo('/v2/user/info/');
			expect(request.headers.authorization).toBe(`Bearer ${(credential.data.oauthTokenData as Record<string, string>).access_token}`);
			expect(request.headers['access-token']).toBeUndefined();
		},
	);

	it('the OAuth2 credential refreshes an expired token there too, with client_key, and persists it', async () => {
		const credential = developersCredential(fake);
		const credentialsHelper = await createCredentialsHelper([credential]);
		await fetch(`${fake.url}/__fake/developers/expire-tokens`, { method: 'POST' });
		const run = await httpRequest('tikTokOAuth2Api', credential.id, `${fake.url}/v2/user/info/?fields=open_id`, 'requestWithAuthentication', credentialsHelper);
		expect(run.error).toBeUndefined();
		const [refresh] = fake.state.requestsTo('/v2/oauth/token/');
		expect((refresh.body as Record<string, string>).grant_type).toBe('refresh_token');
		expect(refresh.query.client_key ?? (refresh.body as Record<string, string>).client_key).toBe(FAKE.clientKey);
		const stored = credentialsHelper.get(credential.id)?.data.oauthTokenData as Record<string, string>;
		expect(stored.access_token).not.toBe((credential.data.oauthTokenData as Record<string, string>).access_token);
		const calls = fake.state.requestsTo('/v2/user/info/');
		expect(calls[calls.length - 1].headers.authorization).toBe(`Bearer ${stored.access_token}`);
	});
});
