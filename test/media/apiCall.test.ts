import { createHash } from 'node:crypto';

import type { NodeApiError } from 'n8n-workflow';

import { runTikTokNode } from '../harness/engine';
import { ADV1, BUSINESS_PREFIX, businessCredential, developersCredential, expectNoSecrets, FAKE, useFake } from '../harness/fake';

const ADVERTISER = ADV1;
const MUSIC_UPLOAD = `${BUSINESS_PREFIX}/file/music/upload/`;

describe('apiCall.make: any authorized call through the transport', () => {
	const fake = useFake();

	const business = (parameters: Record<string, unknown>, continueOnFail = false) =>
		runTikTokNode({
			parameters: { resource: 'apiCall', operation: 'make', api: 'business', ...parameters },
			credentials: [businessCredential(fake)],
			continueOnFail,
		});
	const developers = (parameters: Record<string, unknown>) =>
		runTikTokNode({
			parameters: { resource: 'apiCall', operation: 'make', api: 'developers', ...parameters },
			credentials: [developersCredential(fake)],
		});

	it('sends a Business GET with Access-Token and arrays/objects in the query as JSON text, returning data', async () => {
		const { items, error } = await business({
			method: 'GET',
			url: '/v1.3/ad/get/',
			query: JSON.stringify({
				advertiser_id: ADVERTISER,
				fields: ['ad_id', 'ad_name'],
				filtering: { primary_status: 'STATUS_ALL' },
				page_size: 5,
			}),
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		const list = items[0].json.list as Array<Record<string, unknown>>;
		expect(list).toHaveLength(5);
		expect(Object.keys(list[0]).sort()).toEqual(['ad_id', 'ad_name']);
		expect(items[0].json.page_info).toMatchObject({ page: 1, page_size: 5 });

		const [request] = fake.state.requestsTo(`${BUSINESS_PREFIX}/ad/get/`, 'GET');
		expect(request.headers['access-token']).toBe(FAKE.businessToken);
		expect(request.query.fields).toBe('["ad_id","ad_name"]');
		expect(request.query.filtering).toBe('{"primary_status":"STATUS_ALL"}');
		expect(request.query.page_size).toBe('5');
	});

	it.each([
		['/open_api/v1.3/advertiser/info/'],
		['/v1.3/advertiser/info/'],
		['/advertiser/info/'],
		['v1.3/advertiser/info'],
	])('maps the Business URL %s onto /open_api/v1.3/advertiser/info/', async (url) => {
		const { items, error } = await business({ method: 'GET', url, query: JSON.stringify({ advertiser_ids: [ADVERTISER] }) });
		expect(error).toBeUndefined();
		expect((items[0].json.list as Array<Record<string, unknown>>)[0].advertiser_id).toBe(ADVERTISER);
		const [request] = fake.state.requestsTo(`${BUSINESS_PREFIX}/advertiser/info/`);
		expect(request.query.advertiser_ids).toBe(`["${ADVERTISER}"]`);
	});

	it('takes query parameters written in the URL, the Query Parameters field winning', async () => {
		const { error } = await business({
			method: 'GET',
			url: `/v1.3/ad/get/?advertiser_id=${ADVERTISER}&page_size=2`,
			query: JSON.stringify({ page_size: 3 }),
		});
		expect(error).toBeUndefined();
		const [request] = fake.state.requestsTo(`${BUSINESS_PREFIX}/ad/get/`);
		expect(request.query).toMatchObject({ advertiser_id: ADVERTISER, page_size: '3' });
	});

	it('returns the whole envelope (code, message, request_id) with Full Response', async () => {
		const { items } = await business({
			method: 'GET',
			url: '/v1.3/advertiser/info/',
			query: JSON.stringify({ advertiser_ids: [ADVERTISER] }),
			options: { fullResponse: true },
		});
		expect(items[0].json).toMatchObject({ code: 0, message: 'OK' });
		expect(items[0].json.request_id).toMatch(/^[0-9a-f]{32}$/);
		expect(items[0].json.data).toHaveProperty('list');
	});

	it('checks the envelope like every operation: an in-band error becomes a NodeApiError with code and request_id', async () => {
		const { error } = await business({
			method: 'GET',
			url: '/v1.3/ad/get/',
			query: JSON.stringify({ advertiser_id: '7999999999999999999' }),
		});
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toContain('No permission to operate advertiser');
		expect((error as NodeApiError).description).toMatch(/code 40001, request_id [0-9a-f]{32}/);
		expect((error as NodeApiError).context.itemIndex).toBe(0);
	});

	/** Uploads a small MP3 straight to the fake (multipart), returning its material_id. */
	async function seedMusic(): Promise<string> {
		const bytes = Buffer.alloc(4000);
		bytes.set([0xff, 0xfb, 0x90, 0x00]);
		const form = new FormData();
		form.append('advertiser_id', ADVERTISER);
		form.append('music_scene', 'CAROUSEL_ADS');
		form.append('music_signature', createHash('md5').update(bytes).digest('hex'));
		form.append('music_file', new Blob([new Uint8Array(bytes)]), 'hook.mp3');
		const response = await fetch(`${fake.url}${MUSIC_UPLOAD}`, { method: 'POST', headers: { 'Access-Token': FAKE.businessToken }, body: form });
		const envelope = (await response.json()) as { code: number; data: { material_id: string } };
		expect(envelope.code).toBe(0);
		fake.state.clearRequests();
		return envelope.data.material_id;
	}

	it('sends a Business POST with a JSON body and extra headers, returning data', async () => {
		const materialId = await seedMusic();
		const body = { advertiser_id: ADVERTISER, music_scene: 'CAROUSEL_ADS', material_action: 'ADD_TO_LIKED', material_id: materialId };
		const { items, error } = await business({
			method: 'POST',
			url: '/v1.3/file/music/upload/',
			headers: JSON.stringify({ 'X-Request-Tag': 'n8n-test' }),
			body: JSON.stringify(body),
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ material_id: materialId, liked: true });
		const [request] = fake.state.requestsTo(MUSIC_UPLOAD, 'POST');
		expect(request.body).toEqual(body);
		expect(request.contentType).toContain('application/json');
		expect(request.headers['x-request-tag']).toBe('n8n-test');
		expect(request.headers['access-token']).toBe(FAKE.businessToken);
	});

	it('retries a read on 50000 but never re-sends a write after 50000', async () => {
		fake.state.failNext({ path: `${BUSINESS_PREFIX}/advertiser/info/`, code: 50000 }, 1);
		const read = await business({ method: 'GET', url: '/v1.3/advertiser/info/', query: JSON.stringify({ advertiser_ids: [ADVERTISER] }) });
		expect(read.error).toBeUndefined();
		expect(fake.state.requestsTo(`${BUSINESS_PREFIX}/advertiser/info/`)).toHaveLength(2);

		fake.state.failNext({ path: MUSIC_UPLOAD, code: 50000 }, 1);
		const write = await business({
			method: 'POST',
			url: '/v1.3/file/music/upload/',
			body: JSON.stringify({ advertiser_id: ADVERTISER, music_scene: 'CAROUSEL_ADS', material_action: 'ADD_TO_LIKED', material_id: '1' }),
		});
		expect(write.error?.name).toBe('NodeApiError');
		expect((write.error as NodeApiError).context.tiktokCode).toBe(50000);
		expect(fake.state.requestsTo(MUSIC_UPLOAD)).toHaveLength(1);
	});

	it('sends a Developers GET with the Bearer token and lists in the query as comma text', async () => {
		const { items, error } = await developers({
			method: 'GET',
			url: '/v2/user/info/',
			query: JSON.stringify({ fields: ['open_id', 'display_name'] }),
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ user: { open_id: '-000fake-open-id-0001', display_name: 'Fake Creator' } });
		const [request] = fake.state.requestsTo('/v2/user/info/', 'GET');
		expect(request.headers.authorization).toMatch(/^Bearer act\./);
		expect(request.headers['access-token']).toBeUndefined();
		expect(request.query.fields).toBe('open_id,display_name');
	});

	it('sends a Developers POST body, adds the trailing slash, and returns the v2 envelope with Full Response', async () => {
		const { items, error } = await developers({
			method: 'POST',
			url: '/v2/video/list?fields=id,title',
			body: JSON.stringify({ max_count: 4 }),
			options: { fullResponse: true },
		});
		expect(error).toBeUndefined();
		const json = items[0].json as { data: { videos: unknown[]; has_more: boolean }; error: { code: string; log_id: string } };
		expect(json.data.videos).toHaveLength(4);
		expect(json.data.has_more).toBe(true);
		expect(json.error.code).toBe('ok');
		const [request] = fake.state.requestsTo('/v2/video/list/', 'POST');
		expect(request.body).toEqual({ max_count: 4 });
		expect(request.query.fields).toBe('id,title');
	});

	it('checks the v2 envelope: a TikTok error becomes a NodeApiError with its code and log_id', async () => {
		const { error } = await developers({ method: 'GET', url: '/v2/user/info/', query: JSON.stringify({ fields: 'open_id,plays' }) });
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toContain('Invalid field: plays');
		expect((error as NodeApiError).description).toMatch(/code invalid_params, log_id \w+/);
	});

	it.each([
		['an absolute URL', { url: 'https://evil.example/open_api/v1.3/ad/get/' }, /"URL" parameter must be a path relative to the API/],
		['an absolute TikTok URL', { url: 'https://business-api.tiktok.com/open_api/v1.3/ad/get/' }, /not an absolute URL/],
		['a scheme-relative URL', { url: '//evil.example/ad/get/' }, /not an absolute URL/],
		['a javascript: URL', { url: 'javascript:alert(1)' }, /not an absolute URL/],
		['a ../ escape', { url: '/v1.3/../../__fake/requests' }, /"URL" parameter must not contain "\." or "\.\." segments/],
		['a ./ segment', { url: '/v1.3/./ad/get/' }, /must not contain "\." or "\.\." segments/],
		['an encoded ../ escape', { url: '/v1.3/%2e%2e/%2e%2e/__fake/requests' }, /"URL" parameter may only contain letters, digits/],
		['a double-encoded escape', { url: '/v1.3/%252e%252e/x' }, /may only contain letters, digits/],
		['an encoded slash', { url: '/v1.3/ad%2fget/' }, /may only contain letters, digits/],
		['a backslash', { url: '/v1.3/..\\..\\x' }, /may only contain letters, digits/],
		['a user-info host trick', { url: '@evil.example/x' }, /may only contain letters, digits/],
		['an empty segment', { url: '/v1.3//ad/get/' }, /must not contain empty segments/],
		['a fragment', { url: '/v1.3/ad/get/#x' }, /must not contain a fragment/],
		['a Developers path', { url: '/v2/user/info/' }, /is a TikTok for Developers path: set API to "TikTok for Developers"/],
		['another API version', { url: '/v1.2/ad/get/' }, /must use version v1\.3/],
		['an empty URL', { url: '={{ "" }}' }, /"URL" parameter is empty/],
		['the version alone', { url: '/open_api/v1.3/' }, /must name an endpoint/],
		['an Access-Token header', { url: '/v1.3/ad/get/', headers: '{"Access-Token": "mine"}' }, /"Headers \(JSON\)" parameter must not set "Access-Token"/],
		['an authorization header in any case', { url: '/v1.3/ad/get/', headers: '{"AUTHORIZATION": "Bearer x"}' }, /must not set "AUTHORIZATION"/],
		['a Host header', { url: '/v1.3/ad/get/', headers: '{"Host": "evil.example"}' }, /must not set "Host"/],
		['a header with a line break', { url: '/v1.3/ad/get/', headers: '{"X-A": "1\\r\\nAccess-Token: x"}' }, /contains a line break/],
		['an invalid header name', { url: '/v1.3/ad/get/', headers: '{"X A": "1"}' }, /invalid header name/],
		['query JSON that does not parse', { url: '/v1.3/ad/get/', query: '{advertiser_id: 1' }, /"Query Parameters \(JSON\)" parameter is not valid JSON/],
		['a query that is an array', { url: '/v1.3/ad/get/', query: '[1, 2]' }, /"Query Parameters \(JSON\)" parameter must be a JSON object/],
		['body JSON that does not parse', { method: 'POST', url: '/v1.3/ad/status/update/', body: '{"a":' }, /"Body \(JSON\)" parameter is not valid JSON/],
	])('refuses %s before any request, naming the field', async (_label, parameters, message) => {
		const { error } = await business({ method: 'GET', ...parameters });
		expect(error?.message).toMatch(message);
		expect(fake.state.requests).toHaveLength(0);
	});

	it.each([
		['a Business path', '/open_api/v1.3/ad/get/', /is a TikTok API for Business path/],
		['a v1.3 path', '/v1.3/ad/get/', /is a TikTok API for Business path/],
		['an absolute URL', 'https://open.tiktokapis.com/v2/user/info/', /not an absolute URL/],
		['a ../ escape', '/v2/../oauth/token/', /must not contain "\." or "\.\." segments/],
		['another API version', '/v1/user/info/', /must use version v2/],
	])('refuses %s for the Developers API before any request', async (_label, url, message) => {
		const { error } = await developers({ method: 'GET', url });
		expect(error?.message).toMatch(message);
		expect(fake.state.requests).toHaveLength(0);
	});

	it('never puts a token or secret into items or errors', async () => {
		const ok = await business({ method: 'GET', url: '/v1.3/advertiser/info/', query: JSON.stringify({ advertiser_ids: [ADVERTISER] }), options: { fullResponse: true } });
		const failed = await business({ method: 'GET', url: '/v1.3/ad/get/', query: JSON.stringify({ advertiser_id: '7999999999999999999' }) }, true);
		const dev = await developers({ method: 'GET', url: '/v2/user/info/', query: JSON.stringify({ fields: 'open_id' }), options: { fullResponse: true } });
		expectNoSecrets(fake, [ok.items, failed.items, dev.items]);
	});
});
