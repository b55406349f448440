import { runTikTokNode } from '../harness/engine';
import { developersCredential, useFake } from '../harness/fake';
import { posting } from './posting-state';

const SCOPES = ['user.info.basic', 'video.publish', 'video.upload'];

describe('Branded Content is never posted "Only Me" (TikTok content sharing guidelines; issue 24 item 7)', () => {
	const fake = useFake({}, { reset: (f) => posting(f).reset() });
	const run = (parameters: Record<string, unknown>) =>
		runTikTokNode({
			parameters: { resource: 'post', privacyLevel: 'SELF_ONLY', options: { brandContent: true }, ...parameters },
			credentials: [developersCredential(fake, { scopes: SCOPES })],
		});

	it.each([
		['publishVideo', { source: 'url', videoUrl: 'https://media.example.com/v.mp4' }],
		['publishPhotos', { postMode: 'DIRECT_POST', photoUrls: 'https://media.example.com/p/1.jpg' }],
	])('%s with Branded Content and Only Me is refused before any request', async (operation, extra) => {
		const { error } = await run({ operation, ...extra });
		expect(error?.message).toBe(
			'The "Branded Content" option cannot be used with the "Privacy Level" Only Me: branded content cannot be private on TikTok',
		);
		expect(fake.state.requests).toHaveLength(0);
	});

	it('Only Me without Branded Content still goes out', async () => {
		const { error } = await run({ operation: 'publishPhotos', postMode: 'DIRECT_POST', photoUrls: 'https://media.example.com/p/1.jpg', options: {} });
		expect(error).toBeUndefined();
		expect(fake.state.requests.length).toBeGreaterThan(0);
	});
});
