// The posting example workflows (examples/post-*.json) as `npm run dev` runs them against the fake TikTok API. Their
// n8n-nodes-base nodes are not installed here: Manual Trigger, Code and Sticky Note get small stand-ins (the Code
// stand-in runs the node's JavaScript as plain JavaScript, which is all the example's code uses).


import { developersCredential, useFake } from '../harness/fake';
import { runExample } from '../harness/examples';
import { posting, uploads } from './posting-state';

describe('posting example workflows run against the fake TikTok API', () => {
	const fake = useFake({}, { reset: (f) => posting(f).reset() });

	const run = async (file: string) =>
		await runExample(fake, file, [
			// The scopes `npm run dev` grants (scripts/runtime/local.js).
			developersCredential(fake, { scopes: ['user.info.basic', 'user.info.profile', 'user.info.stats', 'video.list', 'video.publish', 'video.upload'] }, 'tiktokOAuth2Fake'),
		]);

	it('post-video-from-url.json: a URL video published privately, no bytes sent', async () => {
		const result = await run('post-video-from-url.json');
		const [out] = result.output('Publish video (Only Me)');
		expect(out.json).toMatchObject({ status: 'PUBLISH_COMPLETE', source: 'PULL_FROM_URL', privacyLevel: 'SELF_ONLY' });
		const body = fake.state.requestsTo('/v2/post/publish/video/init/')[0].body as { post_info: Record<string, unknown> };
		expect(body.post_info.privacy_level).toBe('SELF_ONLY');
		expect(fake.state.requestsTo('/upload/video/')).toHaveLength(0);
	});

	it('post-binary-video-draft.json: the generated MP4 goes whole to the inbox, SEND_TO_USER_INBOX', async () => {
		const result = await run('post-binary-video-draft.json');
		const [generated] = result.output('Generate an 8-second MP4');
		const bytes = Buffer.from(String(generated.binary?.data.data), 'base64');
		const [out] = result.output('Send to TikTok inbox');
		expect(out.json).toMatchObject({ status: 'SEND_TO_USER_INBOX', format: 'mp4', videoSize: bytes.length, totalChunkCount: 1 });
		expect(uploads(fake)[0].received).toBe(bytes.length);
	});
});
