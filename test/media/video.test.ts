import type { NodeApiError } from 'n8n-workflow';

import { createCredentialsHelper, runTikTokNode } from '../harness/engine';
import { FAKE, developersCredential, expectNoSecrets, useFake } from '../harness/fake';

type Video = Record<string, unknown> & { id: string; create_time: number; share_url: string; __shortCode: string };

/** Every field of TikTok's video object, as the fake TikTok API knows them (reference §3.6). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { VIDEO_FIELDS: ALL_FIELDS } = require('../fake-tiktok/videos') as { VIDEO_FIELDS: string[] };

describe('video.getMany: the connected user\'s posts through the Developers API', () => {
	const fake = useFake();

	const videos = () => fake.state.world.videos as Video[];
	const listRequests = () => fake.state.requestsTo('/v2/video/list/', 'POST');

	it('returns all 45 seeded videos in 3 requests of max_count 20, sending each response\'s cursor in the next', async () => {
		expect(videos()).toHaveLength(45);
		const { items, error } = await runTikTokNode({
			parameters: { resource: 'video', operation: 'getMany', returnAll: true, simplify: false },
			credentials: [developersCredential(fake)],
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(45);
		const newestFirst = [...videos()].sort((a, b) => b.create_time - a.create_time).map((v) => v.id);
		expect(items.map((i) => i.json.id)).toEqual(newestFirst);
		expect(new Set(items.map((i) => i.json.id)).size).toBe(45);
		for (const item of items) expect(item.pairedItem).toEqual({ item: 0 });

		const requests = listRequests();
		expect(requests).toHaveLength(3);
		const bodies = requests.map((r) => r.body as Record<string, unknown>);
		expect(bodies.map((b) => b.max_count)).toEqual([20, 20, 20]);
		expect(bodies[0].cursor).toBeUndefined();
		// The cursor TikTok returned for page n is what page n + 1 sends: the (ms) time of the oldest video so far.
		const oldestOf = (page: number) => Math.min(...items.slice(page * 20, page * 20 + 20).map((i) => Number(i.json.create_time))) * 1000;
		expect(bodies[1].cursor).toBe(oldestOf(0));
		expect(bodies[2].cursor).toBe(oldestOf(1));
		for (const request of requests) {
			expect(request.headers.authorization).toMatch(/^Bearer act\./);
			expect(request.query.fields.split(',')).toEqual(ALL_FIELDS);
			expect(request.contentType).toContain('application/json');
		}
	});

	it('with Simplify off, asks for every documented field by default and returns them, with the ID as a string', async () => {
		const { items } = await runTikTokNode({
			parameters: { resource: 'video', operation: 'getMany', returnAll: false, limit: 1, simplify: false },
			credentials: [developersCredential(fake)],
		});
		expect(Object.keys(items[0].json).sort()).toEqual([...ALL_FIELDS].sort());
		expect(typeof items[0].json.id).toBe('string');
		expect(items[0].json.share_url).toMatch(/^https:\/\/www\.tiktok\.com\/@fakecreator\/video\/\d+/);
	});

	it('honours limit exactly, asking for no more than needed (max_count 20, then the remainder)', async () => {
		const { items, error } = await runTikTokNode({
			parameters: { resource: 'video', operation: 'getMany', returnAll: false, limit: 25 },
			credentials: [developersCredential(fake)],
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(25);
		expect(listRequests().map((r) => (r.body as Record<string, unknown>).max_count)).toEqual([20, 5]);
	});

	it('sends only the chosen fields (the ID always included)', async () => {
		const { items } = await runTikTokNode({
			parameters: { resource: 'video', operation: 'getMany', returnAll: false, limit: 3, simplify: false, options: { fields: ['title', 'view_count'] } },
			credentials: [developersCredential(fake)],
		});
		expect(listRequests()[0].query.fields).toBe('id,title,view_count');
		expect(items).toHaveLength(3);
		for (const item of items) expect(Object.keys(item.json).sort()).toEqual(['id', 'title', 'view_count']);
	});

	it('refuses an unknown field, naming the option, before any request', async () => {
		const { error } = await runTikTokNode({
			parameters: { resource: 'video', operation: 'getMany', returnAll: true, simplify: false, options: { fields: '={{ ["title", "plays"] }}' } },
			credentials: [developersCredential(fake)],
		});
		expect(error?.message).toMatch(/"Fields" option has unknown video fields: plays/);
		expect(fake.state.requests).toHaveLength(0);
	});

	it('refuses a limit below 1, naming the field, before any request', async () => {
		const { error } = await runTikTokNode({
			parameters: { resource: 'video', operation: 'getMany', returnAll: false, limit: '={{ 0 }}' },
			credentials: [developersCredential(fake)],
		});
		expect(error?.message).toMatch(/"Limit" parameter must be a whole number of at least 1/);
		expect(fake.state.requests).toHaveLength(0);
	});

	it('refreshes an expired token (refresh_token grant with client_key), succeeds and persists the rotated tokens', async () => {
		const credential = developersCredential(fake);
		const credentialsHelper = await createCredentialsHelper([credential]);
		const before = credential.data.oauthTokenData as Record<string, string>;
		const expired = await fetch(`${fake.url}/__fake/developers/expire-tokens`, { method: 'POST' });
		expect(expired.ok).toBe(true);

		const { items, error } = await runTikTokNode({
			parameters: { resource: 'video', operation: 'getMany', returnAll: false, limit: 5 },
			credentials: [credential],
			credentialsHelper,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(5);

		// n8n's own refresh (client_key only in the token URL's query) is refused by the strict fake, which reads it
		// from the form body as TikTok documents; the credential then refreshes TikTok's way (see test/auth).
		const refreshes = fake.state.requestsTo('/v2/oauth/token/', 'POST');
		expect(refreshes).toHaveLength(2);
		expect(refreshes[0].query.client_key).toBe(FAKE.clientKey);
		const body = refreshes[1].body as Record<string, string>;
		expect(body.grant_type).toBe('refresh_token');
		expect(body.refresh_token).toBe(before.refresh_token);
		expect(body.client_secret).toBe(FAKE.clientSecret);
		expect(body.client_key).toBe(FAKE.clientKey);
		expect(refreshes[1].contentType).toContain('application/x-www-form-urlencoded');

		// First list call got 401 with the old token, the retried one carried the new token.
		const calls = listRequests();
		expect(calls).toHaveLength(2);
		expect(calls[0].headers.authorization).toBe(`Bearer ${before.access_token}`);
		const stored = credentialsHelper.get(credential.id)?.data.oauthTokenData as Record<string, string>;
		expect(stored.access_token).not.toBe(before.access_token);
		expect(stored.refresh_token).not.toBe(before.refresh_token);
		expect(calls[1].headers.authorization).toBe(`Bearer ${stored.access_token}`);
		expect(fake.state.developerTokens.has(stored.access_token)).toBe(true);
	});

	it('explains a missing video.list scope with a hint to add it', async () => {
		const { error } = await runTikTokNode({
			parameters: { resource: 'video', operation: 'getMany', returnAll: true },
			credentials: [developersCredential(fake, { scopes: ['user.info.basic'] })],
		});
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toContain('video.list');
		expect((error as NodeApiError).description).toMatch(/scope/i);
		expect((error as NodeApiError).description).toMatch(/code scope_not_authorized, log_id \w+/);
	});

	it('retries a v2 rate limit (HTTP 429) and then returns the page', async () => {
		fake.state.failNext({ path: '/v2/video/list/', httpStatus: 429, code: 'rate_limit_exceeded' }, 1);
		const { items, error } = await runTikTokNode({
			parameters: { resource: 'video', operation: 'getMany', returnAll: false, limit: 2 },
			credentials: [developersCredential(fake)],
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(listRequests()).toHaveLength(2);
	});

	it('never puts a token or secret into the items', async () => {
		const { items } = await runTikTokNode({
			parameters: { resource: 'video', operation: 'getMany', returnAll: false, limit: 3 },
			credentials: [developersCredential(fake)],
		});
		expectNoSecrets(fake, [items]);
	});
});

describe('video.getEmbed: oEmbed without a credential', () => {
	const fake = useFake();

	const video = () => (fake.state.world.videos as Video[])[3];
	const embed = (videoUrl: string, extra: Record<string, unknown> = {}) =>
		runTikTokNode({
			parameters: { resource: 'video', operation: 'getEmbed', videoUrl, options: { oembedUrl: `${fake.url}/oembed` }, ...extra },
		});

	it('returns embed HTML, title, author, thumbnail and the video ID, with no credential on the node', async () => {
		const v = video();
		const { items, error } = await embed(v.share_url);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		const json = items[0].json;
		expect(json.video_id).toBe(v.id);
		expect(json.title).toBe(v.title);
		expect(json.author_name).toBe('Fake Creator');
		expect(json.author_url).toBe('https://www.tiktok.com/@fakecreator');
		expect(json.author_unique_id).toBe('fakecreator');
		expect(String(json.thumbnail_url)).toContain(v.id);
		expect(json.html).toContain(`data-video-id="${v.id}"`);
		expect(json.html).toContain('class="tiktok-embed"');
		expect(items[0].pairedItem).toEqual({ item: 0 });

		const [request] = fake.state.requestsTo('/oembed', 'GET');
		// The share sheet's tracking query string is dropped; no credential header is sent.
		expect(request.query.url).toBe(`https://www.tiktok.com/@fakecreator/video/${v.id}`);
		expect(request.headers.authorization).toBeUndefined();
		expect(request.headers['access-token']).toBeUndefined();
	});

	it.each([
		['with a query string and fragment', (id: string) => `https://www.tiktok.com/@fakecreator/video/${id}?is_from_webapp=1&sender_device=pc#comments`],
		['on the mobile host', (id: string) => `https://m.tiktok.com/@fakecreator/video/${id}`],
		['without www', (id: string) => `https://tiktok.com/@fakecreator/video/${id}/`],
		['without a scheme', (id: string) => `www.tiktok.com/@fakecreator/video/${id}`],
		['over http', (id: string) => `http://www.tiktok.com/@fakecreator/video/${id}`],
	])('accepts a pasted URL %s and sends oEmbed the canonical one', async (_label, makeUrl) => {
		const v = video();
		const { items, error } = await embed(makeUrl(v.id));
		expect(error).toBeUndefined();
		expect(items[0].json.video_id).toBe(v.id);
		expect(fake.state.requestsTo('/oembed')[0].query.url).toBe(`https://www.tiktok.com/@fakecreator/video/${v.id}`);
	});

	it.each([['vm'], ['vt']])('passes a short %s.tiktok.com link through for TikTok to resolve', async (host) => {
		const v = video();
		const { items, error } = await embed(`https://${host}.tiktok.com/${v.__shortCode}/?k=1`);
		expect(error).toBeUndefined();
		expect(items[0].json.video_id).toBe(v.id);
		expect(fake.state.requestsTo('/oembed')[0].query.url).toBe(`https://${host}.tiktok.com/${v.__shortCode}/`);
	});

	it('turns TikTok\'s 400 into "video not found or not embeddable", with a hint', async () => {
		const { error } = await embed('https://www.tiktok.com/@fakecreator/video/7399999999999999999');
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/video not found or not embeddable/);
		expect(error?.message).toContain('Video URL');
		expect((error as NodeApiError).description).toMatch(/public videos/);
		expect((error as NodeApiError).context.itemIndex).toBe(0);
		expect(fake.state.requestsTo('/oembed')).toHaveLength(1);
	});

	it('retries oEmbed throttling (HTTP 429) and then succeeds', async () => {
		fake.state.failNext({ path: '/oembed', httpStatus: 429 }, 1);
		const { items, error } = await embed(video().share_url);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(fake.state.requestsTo('/oembed')).toHaveLength(2);
	});

	it.each([
		['a URL of another site', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', /"Video URL" parameter must be a TikTok link/],
		['a look-alike host', 'https://tiktok.com.evil.example/@x/video/1', /"Video URL" parameter must be a TikTok link/],
		['a host that merely ends in tiktok.com', 'https://nottiktok.com/@x/video/1', /"Video URL" parameter must be a TikTok link/],
		['credentials in the URL', 'https://user:pw@www.tiktok.com/@x/video/1', /"Video URL" parameter must be a TikTok link/],
		['another scheme', 'ftp://www.tiktok.com/@x/video/1', /"Video URL" parameter must be a TikTok link/],
		['an empty value', '={{ "" }}', /"Video URL" parameter is empty/],
	])('refuses %s before any request, naming the field', async (_label, videoUrl, message) => {
		const { error } = await embed(videoUrl);
		expect(error?.message).toMatch(message);
		expect(fake.state.requests).toHaveLength(0);
	});

	it('keeps going item by item under continueOnFail, each result paired with its input', async () => {
		const v = video();
		const { items, error } = await runTikTokNode({
			parameters: { resource: 'video', operation: 'getEmbed', videoUrl: '={{ $json.url }}', options: { oembedUrl: `${fake.url}/oembed` } },
			input: [{ json: { url: v.share_url } }, { json: { url: 'https://example.com/x' } }, { json: { url: 'https://www.tiktok.com/@fakecreator' } }],
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.video_id).toBe(v.id);
		expect(items[1].json.error).toMatch(/must be a TikTok link/);
		// A creator profile URL embeds too (type "rich"), without a video ID.
		expect(items[2].json.type).toBe('rich');
		expect(items[2].json.video_id).toBeNull();
	});

	it('refuses an oEmbed endpoint option that is not an http(s) URL', async () => {
		const { error } = await runTikTokNode({
			parameters: { resource: 'video', operation: 'getEmbed', videoUrl: video().share_url, options: { oembedUrl: 'file:///etc/passwd' } },
		});
		expect(error?.message).toMatch(/"oEmbed Endpoint" option must be an http\(s\) URL/);
	});
});
