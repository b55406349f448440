import type { NodeApiError } from 'n8n-workflow';

import { developersCredential, secretsOf, useFake } from '../harness/fake';
import { idsOf, makeTrigger, nowSeconds, snapshot } from './helpers';

/* eslint-disable @typescript-eslint/no-require-imports */
const { makeVideo, VIDEO_FIELDS } = require('../fake-tiktok/videos') as {
	makeVideo: (videos: unknown[], options: { createTimeMs: number; title?: string }) => Video;
	VIDEO_FIELDS: string[];
};
/* eslint-enable @typescript-eslint/no-require-imports */

interface Video {
	id: string;
	create_time: number;
	[key: string]: unknown;
}

const VIDEO_PATH = '/v2/video/list/';

describe('TikTok Trigger: videoPosted over several polls (n8n PollContext, fake Developers API)', () => {
	const fake = useFake({}, { perTest: true });

	const videos = () => fake.state.world.videos as Video[];
	/** Posts a video at `seconds` (Unix seconds, plus `ms`). */
	const post = (seconds: number, ms = 0, title?: string): Video => {
		const video = makeVideo(videos(), { createTimeMs: seconds * 1000 + ms, title });
		videos().push(video);
		return video;
	};
	const videoTrigger = async (scopes?: string[]) => {
		const credential = developersCredential(fake, scopes ? { scopes } : {});
		return await makeTrigger(fake, { event: 'videoPosted' }, { credentialType: 'tikTokOAuth2Api', credentials: [credential] });
	};

	it('first poll records the present and emits nothing, with one request', async () => {
		const trigger = await videoTrigger();
		post(nowSeconds() - 30);
		expect(await trigger.poll()).toBeNull();

		const requests = fake.state.requestsTo(VIDEO_PATH, 'POST');
		expect(requests).toHaveLength(1);
		expect(requests[0].headers.authorization).toMatch(/^Bearer act\./);
		expect(requests[0].query.fields.split(',')).toEqual(VIDEO_FIELDS);
		expect(requests[0].body).toEqual({ max_count: 20 });
		expect(trigger.staticData().videoPosted).toMatchObject({ time: expect.any(Number) });
		expect(await trigger.poll()).toBeNull();
	});

	it('emits new posts once each, oldest first, as TikTok video objects; a quiet poll is one request', async () => {
		const trigger = await videoTrigger();
		await trigger.poll();
		const t = nowSeconds() + 1;
		const posted = [post(t + 2, 0, 'second'), post(t, 0, 'first')];

		const result = await trigger.poll();
		expect(idsOf(result)).toEqual([posted[1].id, posted[0].id]);
		const item = result![0][0].json;
		expect(Object.keys(item).sort()).toEqual([...VIDEO_FIELDS].sort());
		expect(item).toMatchObject({ id: posted[1].id, create_time: t, title: 'first' });
		expect(typeof item.id).toBe('string');

		fake.state.clearRequests();
		expect(await trigger.poll()).toBeNull();
		expect(fake.state.requestsTo(VIDEO_PATH)).toHaveLength(1);
	});

	it('pages back with TikTok\'s cursor through a burst of 45 posts and stops once it reaches a post older than the overlap bound', async () => {
		const trigger = await videoTrigger();
		await trigger.poll();
		const t = nowSeconds() + 1;
		const burst: Video[] = [];
		for (let i = 0; i < 45; i++) burst.push(post(t + Math.floor(i / 3), i % 3));
		fake.state.clearRequests();

		expect(idsOf(await trigger.poll())).toEqual(burst.map((v) => v.id));
		const requests = fake.state.requestsTo(VIDEO_PATH);
		// 45 new posts: pages of 20, 20, then the page that reaches older, already-seen posts.
		expect(requests).toHaveLength(3);
		expect(requests.map((r) => r.body)).toEqual([
			{ max_count: 20 },
			{ max_count: 20, cursor: burst[25].__createTimeMs },
			{ max_count: 20, cursor: burst[5].__createTimeMs },
		]);

		// The next poll reads back to the overlap bound (an hour): the 45 posts are inside it, so 3 pages again.
		fake.state.clearRequests();
		expect(await trigger.poll()).toBeNull();
		expect(fake.state.requestsTo(VIDEO_PATH)).toHaveLength(3);
	});

	it('emits two posts of the same second across a poll boundary, both once', async () => {
		const trigger = await videoTrigger();
		await trigger.poll();
		const t = nowSeconds() + 3;
		const a = post(t, 100);
		expect(idsOf(await trigger.poll())).toEqual([a.id]);
		const b = post(t, 900);
		expect(idsOf(await trigger.poll())).toEqual([b.id]);
		expect(await trigger.poll()).toBeNull();
	});

	it('in manual mode returns the newest post and leaves the cursor alone', async () => {
		const trigger = await videoTrigger();
		await trigger.poll();
		const t = nowSeconds() + 1;
		const older = post(t);
		const newest = post(t + 1);
		const before = snapshot(trigger.staticData());
		fake.state.clearRequests();

		expect(idsOf(await trigger.poll('manual'))).toEqual([newest.id]);
		expect(fake.state.requestsTo(VIDEO_PATH)[0].body).toEqual({ max_count: 1 });
		expect(snapshot(trigger.staticData())).toEqual(before);
		expect(idsOf(await trigger.poll())).toEqual([older.id, newest.id]);
	});

	it('in manual mode says so when the account has no posts', async () => {
		fake.state.world.videos = [];
		const trigger = await videoTrigger();
		const error = (await trigger.poll('manual').catch((e: unknown) => e)) as Error;
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toMatch(/^No videos found/);
	});

	it('retries a rate-limited poll (HTTP 429 rate_limit_exceeded) and emits once', async () => {
		const trigger = await videoTrigger();
		await trigger.poll();
		const v = post(nowSeconds() + 1);
		fake.state.clearRequests();
		fake.state.failNext({ path: VIDEO_PATH, httpStatus: 429, code: 'rate_limit_exceeded' }, 1);
		expect(idsOf(await trigger.poll())).toEqual([v.id]);
		expect(fake.state.requestsTo(VIDEO_PATH)).toHaveLength(2);
	});

	it('fails clearly without the video.list scope, and moves no cursor', async () => {
		const trigger = await videoTrigger(['user.info.basic']);
		const error = (await trigger.poll().catch((e: unknown) => e)) as NodeApiError;
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toContain('did not authorize the scope');
		expect(error.description).toContain('Scope');
		expect(trigger.staticData()).toEqual({});
		for (const secret of secretsOf(fake)) expect(`${error.message} ${error.description}`).not.toContain(secret);
	});
});

describe('the fake /v2/video/list/ behaves as the reference says', () => {
	const fake = useFake();

	const list = async (body: unknown, fields = 'id,create_time') => {
		const token = (developersCredential(fake).data.oauthTokenData as { access_token: string }).access_token;
		const response = await fetch(`${fake.url}/v2/video/list/?fields=${fields}`, {
			method: 'POST',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		return { status: response.status, json: (await response.json()) as { data: Record<string, unknown>; error: { code: string } } };
	};

	it('lists newest first with a millisecond cursor and has_more, create_time in Unix seconds', async () => {
		const first = await list({ max_count: 5 });
		expect(first.status).toBe(200);
		expect(first.json.error.code).toBe('ok');
		const page = first.json.data.videos as Video[];
		expect(page).toHaveLength(5);
		expect(Object.keys(page[0]).sort()).toEqual(['create_time', 'id']);
		expect(page.map((v) => v.create_time)).toEqual([...page.map((v) => v.create_time)].sort((a, b) => b - a));
		expect(String(page[0].create_time)).toMatch(/^\d{10}$/);
		expect(first.json.data.has_more).toBe(true);
		const next = await list({ max_count: 20, cursor: first.json.data.cursor });
		const nextPage = next.json.data.videos as Video[];
		expect(nextPage[0].create_time).toBeLessThanOrEqual(page[4].create_time);
		expect(nextPage.map((v) => v.id)).not.toContain(page[4].id);
	});

	it('answers max_count above 20 with HTTP 400 invalid_params', async () => {
		const response = await list({ max_count: 21 });
		expect(response.status).toBe(400);
		expect(response.json.error.code).toBe('invalid_params');
	});
});
