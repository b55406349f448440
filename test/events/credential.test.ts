/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
import path from 'node:path';

import type { ICredentialTestRequest, ILoadOptionsFunctions, INodeListSearchResult, INodeParameters, INodeType } from 'n8n-workflow';

import { PACKAGE_ROOT, createAdditionalData, createCredentialsHelper, loadPackage, tikTokNode, triggerWorkflow } from '../harness/engine';
import { EVENTS_TOKEN, businessCredential, eventsCredential, useFake } from '../harness/fake';
import { PIXEL_LIST, TRACK } from './helpers';

/* eslint-disable @typescript-eslint/no-require-imports */
const { LoadOptionsContext } = require('n8n-core') as typeof import('n8n-core');
const { TikTokEventsApi } = require(path.join(PACKAGE_ROOT, 'dist/credentials/TikTokEventsApi.credentials.js'));
/* eslint-enable @typescript-eslint/no-require-imports */

describe('tikTokEventsApi credential and the Pixel Code picker', () => {
	const fake = useFake();

	/** Sends the credential's test request to the fake, and applies its rules as n8n does (a matching rule fails it). */
	async function credentialTest(token: string): Promise<{ ok: boolean; message?: string; code: number }> {
		const test = new TikTokEventsApi().test as ICredentialTestRequest;
		const request = test.request;
		expect(request.baseURL).toContain('$credentials.environment === "custom"');
		const response = await fetch(`${fake.url}${String(request.url)}`, {
			method: request.method,
			headers: { ...(request.headers as Record<string, string>), 'Access-Token': token },
			body: JSON.stringify(request.body),
		});
		const body = (await response.json()) as { code: number };
		const failed = (test.rules ?? []).find((rule) => rule.type === 'responseSuccessBody' && body.code === rule.properties.value);
		return { ok: !failed, message: failed?.properties.message, code: body.code };
	}

	it('its test passes for the pixel token and records no event; a wrong or missing token fails with a message', async () => {
		expect(await credentialTest(EVENTS_TOKEN)).toEqual({ ok: true, message: undefined, code: 40002 });
		expect((fake.state.events as { count: number }).count).toBe(0);
		expect(await credentialTest('not-a-token')).toMatchObject({ ok: false, code: 40105, message: expect.stringMatching(/rejected the access token/) });
		expect(await credentialTest('')).toMatchObject({ ok: false, code: 40104 });
		expect(fake.state.requestsTo(TRACK)).toHaveLength(3);
	});

	async function searchPixels(parameters: INodeParameters, filter?: string): Promise<INodeListSearchResult> {
		const { nodeTypes } = await loadPackage();
		const credentials = [businessCredential(fake), eventsCredential(fake)];
		const node = tikTokNode(parameters, { tikTokBusinessOAuth2Api: 'business-1', tikTokEventsApi: 'events-1' });
		const workflow = await triggerWorkflow(node);
		const additionalData = createAdditionalData(await createCredentialsHelper(credentials));
		additionalData.currentNodeParameters = parameters;
		const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.pixelCode') as unknown as ILoadOptionsFunctions;
		const nodeType = nodeTypes.getByNameAndVersion(node.type, 1) as INodeType;
		const search = nodeType.methods!.listSearch!.searchPixels as (this: ILoadOptionsFunctions, filter?: string) => Promise<INodeListSearchResult>;
		return await search.call(context, filter);
	}

	it('lists the pixels of the advertisers the Business credential reaches, filtered by name or code', async () => {
		const send = { resource: 'event', operation: 'send', authentication: 'businessOAuth2' };
		const all = await searchPixels(send);
		const pixels = fake.state.pixels as Array<{ pixel_code: string }>;
		expect(all.results.map((r) => r.value).sort()).toEqual(pixels.map((p) => p.pixel_code).sort());
		expect(fake.state.requestsTo(PIXEL_LIST).every((r) => r.query.page_size === '20')).toBe(true);
		const one = await searchPixels(send, pixels[3].pixel_code.toLowerCase());
		expect(one.results.map((r) => r.value)).toEqual([pixels[3].pixel_code]);
	});

	it('with the Events API token the list is empty (the code is entered by ID), and nothing is asked of TikTok', async () => {
		expect(await searchPixels({ resource: 'event', operation: 'send', authentication: 'eventsApiToken' })).toEqual({ results: [] });
		expect(fake.state.requestsTo(PIXEL_LIST)).toHaveLength(0);
	});
});
