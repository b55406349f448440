import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../helpers/items';
import { OEMBED_ENDPOINT, oembedRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Video URL',
		name: 'videoUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://www.tiktok.com/@scout2015/video/6718335390845095173',
		description:
			'Link to a public TikTok video, as copied from the app or the browser (short vm.tiktok.com / vt.tiktok.com links work too)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'oEmbed Endpoint',
				name: 'oembedUrl',
				type: 'string',
				default: OEMBED_ENDPOINT,
				description:
					"TikTok's oEmbed endpoint. Change it only to point at a proxy or a local fake TikTok API for testing.",
			},
		],
	},
];

const displayOptions = { show: { resource: ['video'], operation: ['getEmbed'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const SHORT_LINK_HOSTS = new Set(['vm.tiktok.com', 'vt.tiktok.com']);

/**
 * Checks that `value` is a TikTok link and puts it in the form oEmbed expects: https, no query string or fragment
 * (tracking parameters from the share sheet), `www.tiktok.com` for the web and mobile hosts. Short links
 * (`vm.` / `vt.tiktok.com`, `/t/…`) are passed through for TikTok to resolve. Anything else is refused before a request.
 */
function normalizeVideoUrl(node: INode, value: unknown, itemIndex: number): { url: string; videoId?: string } {
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '') {
		throw new NodeOperationError(node, 'The "Video URL" parameter is empty: enter the link of a TikTok video', {
			itemIndex,
		});
	}
	let parsed: URL | undefined;
	try {
		parsed = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text.replace(/^\/+/, '')}`);
	} catch {
		parsed = undefined;
	}
	const host = parsed?.hostname.toLowerCase() ?? '';
	const isTikTok = host === 'tiktok.com' || host.endsWith('.tiktok.com');
	if (!parsed || !/^https?:$/.test(parsed.protocol) || !isTikTok || parsed.username || parsed.password || parsed.port) {
		throw new NodeOperationError(
			node,
			`The "Video URL" parameter must be a TikTok link (https://www.tiktok.com/@user/video/…), got "${text.slice(0, 100)}"`,
			{ itemIndex },
		);
	}
	const path = parsed.pathname.replace(/\/{2,}/g, '/');
	if (SHORT_LINK_HOSTS.has(host) || /^\/t\/[^/]+\/?$/.test(path)) {
		return { url: `https://${host}${path}` };
	}
	const video = /^\/(@[^/]+)\/(video|photo)\/(\d+)\/?$/.exec(path);
	if (video) {
		return { url: `https://www.tiktok.com/${video[1]}/${video[2]}/${video[3]}`, videoId: video[3] };
	}
	const bare = /^\/(?:v\/(\d+)\.html|embed(?:\/v2)?\/(\d+))\/?$/.exec(path);
	const webHost = host === 'tiktok.com' || host === 'm.tiktok.com' ? 'www.tiktok.com' : host;
	return { url: `https://${webHost}${path}`, videoId: bare?.[1] ?? bare?.[2] };
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, items, async (i) => {
		const { url, videoId } = normalizeVideoUrl(this.getNode(), this.getNodeParameter('videoUrl', i), i);
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const embed = await oembedRequest.call(this, {
			url,
			endpoint: options.oembedUrl ? String(options.oembedUrl) : undefined,
			itemIndex: i,
		});
		const htmlId = /data-video-id="(\d+)"/.exec(String(embed.html ?? ''))?.[1];
		const id = embed.embed_product_id ?? htmlId ?? videoId;
		return {
			video_id: id === undefined || id === null ? null : String(id),
			url,
			...embed,
		};
	});
}
