import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { tikTokNameLength } from '../entityWrite';
import { assertOneOf } from '../../helpers/validation';

/**
 * What an ad's creative takes, shared by Ad → Create and Ad → Update (docs/tiktok-contract.md §19.4; BUBUBA
 * model/ad/creative.go, enum/call_to_action.go, enum/identity_type.go).
 */
export const CALL_TO_ACTIONS = [
	'APPLY_NOW', 'BOOK_NOW', 'CALL_NOW', 'CONTACT_US', 'DOWNLOAD_NOW', 'EXPERIENCE_NOW', 'GET_QUOTE', 'GET_SHOWTIMES',
	'GET_TICKETS_NOW', 'INSTALL_NOW', 'INTERESTED', 'LEARN_MORE', 'LISTEN_NOW', 'ORDER_NOW', 'PLAY_GAME', 'PREORDER_NOW',
	'READ_MORE', 'SEND_MESSAGE', 'SHOP_NOW', 'SIGN_UP', 'SUBSCRIBE', 'VIEW_NOW', 'VIEW_PROFILE', 'VISIT_STORE',
	'WATCH_LIVE', 'WATCH_NOW',
];
export const IDENTITY_TYPES = ['CUSTOMIZED_USER', 'AUTH_CODE', 'TT_USER', 'BC_AUTH_TT'];
/** The creative fields an ad keeps, which a full `/ad/update/` sends back unchanged (creative.go). */
export const CREATIVE_FIELDS = [
	'ad_name', 'ad_format', 'identity_type', 'identity_id', 'identity_authorized_bc_id', 'video_id', 'image_ids',
	'music_id', 'tiktok_item_id', 'ad_text', 'call_to_action', 'call_to_action_id', 'card_id', 'landing_page_url',
	'display_name', 'deeplink', 'deeplink_type', 'page_id', 'tracking_pixel_id', 'creative_authorized',
	'promotional_music_disabled', 'item_duet_status', 'item_stitch_status', 'dark_post_status', 'utm_params',
	'impression_tracking_url', 'click_tracking_url',
];
/** What `/ad/update/` changes alone with `patch_update: true`, keeping the rest (BUBUBA model/ad/update.go l.12-22). */
export const PATCHABLE_FIELDS = ['ad_name', 'identity_id', 'identity_type', 'identity_authorized_bc_id', 'video_id', 'image_ids', 'music_id', 'tiktok_item_id', 'ad_text'];
/** Ad text: 1–100 characters, Chinese and Japanese counting 2, no emoji (creative.go AdText). */
export const MAX_AD_TEXT = 100;

const words = (value: string) =>
	value
		.toLowerCase()
		.split('_')
		.map((w) => w[0].toUpperCase() + w.slice(1))
		.join(' ');

export const callToActionProperty: INodeProperties = {
	displayName: 'Call to Action',
	name: 'callToAction',
	type: 'options',
	options: CALL_TO_ACTIONS.map((value) => ({ name: words(value), value })),
	default: 'LEARN_MORE',
	description: 'The button of the ad',
};

export const adTextProperty: INodeProperties = {
	displayName: 'Ad Text',
	name: 'adText',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. Summer sale: 30% off everything',
	description: 'The text shown with the ad: 1–100 characters (Chinese and Japanese ones count 2), no emoji',
};

export const landingPageProperty: INodeProperties = {
	displayName: 'Landing Page URL',
	name: 'landingPageUrl',
	type: 'string',
	default: '',
	placeholder: 'e.g. https://example.com/summer',
	description: 'Where the button leads (https). Needed when the ad group promotes a website.',
};

function fail(node: INode, message: string, itemIndex: number): NodeOperationError {
	return new NodeOperationError(node, message, { itemIndex, description: 'Nothing was sent to TikTok.' });
}

/** Checks ad text as TikTok counts it; `label` names the parameter or field. */
export function readAdText(node: INode, value: unknown, label: string, itemIndex: number): string {
	const text = String(value ?? '').trim();
	if (text === '') throw fail(node, `The ${label} is empty: an ad needs a text (1–${MAX_AD_TEXT} characters)`, itemIndex);
	const length = tikTokNameLength(text);
	if (length > MAX_AD_TEXT) {
		const characters = [...text].length;
		const counted = characters === length ? `${length} characters long` : `${length} characters long as TikTok counts it (${characters} characters; Chinese and Japanese ones count 2)`;
		throw fail(node, `The ${label} is ${counted}: TikTok takes at most ${MAX_AD_TEXT}`, itemIndex);
	}
	if (/\p{Extended_Pictographic}/u.test(text)) throw fail(node, `The ${label} contains an emoji: TikTok does not take emoji in ad text`, itemIndex);
	return text;
}

/** A landing page: an http(s) URL, or undefined when empty. */
export function readLandingPage(node: INode, value: unknown, label: string, itemIndex: number): string | undefined {
	const text = String(value ?? '').trim();
	if (text === '') return undefined;
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw fail(node, `The ${label} must be a web address starting with https://, got "${text.slice(0, 60)}"`, itemIndex);
	return text;
}

/** Image IDs as the library returns them (text, not digits only), from a list or text separated by commas. */
export function readImageIds(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : String(value ?? '').split(',');
	return parts.map((p) => String(p).trim()).filter((p) => p !== '');
}

/** Reads the creative fields the user set into `creative` (TikTok's names). */
export function readCallToAction(node: INode, value: unknown, itemIndex: number): string {
	return assertOneOf(node, value, CALL_TO_ACTIONS, 'Call to Action', itemIndex);
}

/** The fields of an ad as `/ad/get/` returned it that a full update sends back (none empty). */
export function creativeOf(ad: IDataObject): IDataObject {
	const creative: IDataObject = {};
	for (const key of CREATIVE_FIELDS) {
		const value = ad[key];
		if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
		creative[key] = value;
	}
	return creative;
}
