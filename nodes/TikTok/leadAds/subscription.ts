import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { assertTikTokId } from '../helpers/validation';
import { BUSINESS_CREDENTIALS, businessRequest } from '../transport';

/**
 * TikTok's lead webhook subscription (docs/tiktok-contract.md, "Lead subscriptions"; bububa
 * `model/subscription/{subscribe,get,unsubscribe}.go`): the app's ID and secret authorize the call, the subscription
 * carries the advertiser's access token, and TikTok POSTs each new lead to `callback_url` until it is unsubscribed or
 * the token is revoked (then TikTok ends it without telling anyone: `checkExists` looks it up every time).
 */

const SUBSCRIBE_PATH = '/subscription/subscribe/';
const GET_PATH = '/subscription/get/';
const UNSUBSCRIBE_PATH = '/subscription/unsubscribe/';
/** `/subscription/get/` pages hold 1–1,000 subscriptions (bububa model/subscription/get.go). */
const GET_PAGE_SIZE = 1000;
/** Pages of subscriptions read at most when looking one up (an app with more is beyond any real use). */
const MAX_GET_PAGES = 20;

export interface LeadSubscriptionTarget {
	advertiserId?: string;
	libraryId?: string;
	formId?: string;
}

interface StoredSubscription {
	subscriptionId?: string;
	callbackUrl?: string;
}

/** What the node subscribes for: the advertiser (or the form library) and, when chosen, one form. */
export function subscriptionTarget(this: IHookFunctions): LeadSubscriptionTarget {
	const node = this.getNode();
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const libraryText = String(options.libraryId ?? '').trim();
	const libraryId = libraryText === '' ? undefined : assertTikTokId(node, libraryText, 'Form Library ID');
	const advertiserId = assertTikTokId(node, this.getNodeParameter('advertiserId', '', { extractValue: true }), 'Advertiser');
	const formValue = this.getNodeParameter('formId', '', { extractValue: true });
	const formText = String(formValue ?? '').trim();
	const formId = formText === '' ? undefined : assertTikTokId(node, formText, 'Instant Form');
	return { advertiserId, libraryId, formId };
}

async function appCredentials(this: IHookFunctions): Promise<{ appId: string; secret: string; token: string }> {
	const credentials = await this.getCredentials(BUSINESS_CREDENTIALS);
	const appId = String(credentials.appId ?? '').trim();
	const secret = String(credentials.secret ?? '').trim();
	const token = String(credentials.accessToken || credentials.exchangedAccessToken || '').trim();
	if (appId === '' || secret === '') {
		throw new NodeOperationError(this.getNode(), 'The TikTok Business credential needs its App ID and Secret for lead webhooks', {
			description:
				'TikTok authorizes webhook subscriptions with the app itself: open the credential and fill in App ID and Secret (TikTok API for Business portal → My Apps).',
		});
	}
	return { appId, secret, token };
}

/**
 * The access token the subscription will carry. A credential that holds only an authorization code exchanges it on its
 * first request: make one (reading the advertiser, which also checks the token reaches it), then read the token.
 */
async function accessToken(this: IHookFunctions, target: LeadSubscriptionTarget): Promise<string> {
	const first = await appCredentials.call(this);
	if (first.token !== '') return first.token;
	if (target.advertiserId) {
		await businessRequest.call(this, {
			method: 'GET',
			path: '/advertiser/info/',
			qs: { advertiser_ids: [target.advertiserId], fields: ['advertiser_id'] },
		});
	}
	const second = await appCredentials.call(this);
	if (second.token === '') {
		throw new NodeOperationError(this.getNode(), 'The TikTok Business credential has no access token yet', {
			description: 'Open the credential, paste a new Authorization Code (or an Access Token) and save it, then activate the workflow again.',
		});
	}
	return second.token;
}

function stored(this: IHookFunctions): StoredSubscription {
	return this.getWorkflowStaticData('node') as StoredSubscription;
}

/** Every LEAD subscription of the app (the answer's `access_token`s are dropped at once: they are secrets). */
async function listSubscriptions(this: IHookFunctions): Promise<IDataObject[]> {
	const { appId, secret } = await appCredentials.call(this);
	const found: IDataObject[] = [];
	for (let page = 1; page <= MAX_GET_PAGES; page++) {
		const data = await businessRequest.call(this, {
			method: 'GET',
			path: GET_PATH,
			qs: { app_id: appId, secret, subscribe_entity: 'LEAD', page, page_size: GET_PAGE_SIZE },
		});
		const list = Array.isArray(data.subscriptions) ? (data.subscriptions as IDataObject[]) : [];
		for (const subscription of list) {
			const detail = { ...((subscription.subscription_detail as IDataObject | undefined) ?? {}) };
			delete detail.access_token;
			found.push({ ...subscription, subscription_detail: detail });
		}
		const info = (data.page_info ?? {}) as IDataObject;
		if (list.length === 0 || Number(info.total_page ?? page) <= page) break;
	}
	return found;
}

/** The subscription of this node at TikTok: same callback URL, advertiser (or library) and form. */
function isOurs(subscription: IDataObject, callbackUrl: string, target: LeadSubscriptionTarget): boolean {
	const detail = (subscription.subscription_detail ?? {}) as IDataObject;
	const same = (a: unknown, b: string | undefined) => (a === undefined || a === null || a === '' ? undefined : String(a)) === b;
	return (
		subscription.callback_url === callbackUrl &&
		String(subscription.subscribe_entity ?? 'LEAD') === 'LEAD' &&
		(target.libraryId ? same(detail.library_id, target.libraryId) : same(detail.advertiser_id, target.advertiserId)) &&
		same(detail.page_id, target.formId)
	);
}

function callbackUrlOf(this: IHookFunctions): string {
	const url = this.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(this.getNode(), 'n8n did not give this trigger a webhook URL');
	return url;
}

/** `checkExists`: true while TikTok still has this node's subscription (found by its callback URL), also after static data was lost. */
export async function subscriptionExists(this: IHookFunctions): Promise<boolean> {
	const callbackUrl = callbackUrlOf.call(this);
	const target = subscriptionTarget.call(this);
	const mine = (await listSubscriptions.call(this)).find((s) => isOurs(s, callbackUrl, target));
	const data = stored.call(this);
	if (!mine) {
		// TikTok ended it (token revoked) or it never existed: forget it, so `create` subscribes again.
		delete data.subscriptionId;
		delete data.callbackUrl;
		return false;
	}
	data.subscriptionId = String(mine.subscription_id);
	data.callbackUrl = callbackUrl;
	return true;
}

/** `create`: subscribes this node's webhook URL to the advertiser's (or library's) leads, of one form or all. */
export async function createSubscription(this: IHookFunctions): Promise<boolean> {
	const callbackUrl = callbackUrlOf.call(this);
	const target = subscriptionTarget.call(this);
	if (!/^https?:\/\//i.test(callbackUrl)) {
		throw new NodeOperationError(this.getNode(), `TikTok needs a web address to send leads to, and n8n's webhook URL is "${callbackUrl}"`);
	}
	const token = await accessToken.call(this, target);
	const { appId, secret } = await appCredentials.call(this);
	const detail: IDataObject = { access_token: token };
	if (target.libraryId) detail.library_id = target.libraryId;
	else detail.advertiser_id = target.advertiserId;
	if (target.formId) detail.page_id = target.formId;
	const answer = await businessRequest.call(this, {
		method: 'POST',
		path: SUBSCRIBE_PATH,
		body: { app_id: appId, secret, subscribe_entity: 'LEAD', callback_url: callbackUrl, subscription_detail: detail },
		// Subscribing twice would make two subscriptions: never re-sent after an unclear failure.
		idempotent: false,
		fullResponse: true,
	});
	// TikTok's envelope carries it in `data` (bububa reads a top-level `subscription_id` object: both are read).
	const fromData = ((answer.data ?? {}) as IDataObject).subscription_id;
	const fromTop = ((answer.subscription_id ?? {}) as IDataObject).subscription_id;
	let subscriptionId = fromData ?? fromTop;
	if (subscriptionId === undefined || subscriptionId === null || subscriptionId === '') {
		const mine = (await listSubscriptions.call(this)).find((s) => isOurs(s, callbackUrl, target));
		subscriptionId = mine?.subscription_id;
	}
	const data = stored.call(this);
	data.subscriptionId = subscriptionId === undefined ? undefined : String(subscriptionId);
	data.callbackUrl = callbackUrl;
	return true;
}

/** `delete`: ends this node's subscription (found again by callback URL when static data lost its ID). */
export async function deleteSubscription(this: IHookFunctions): Promise<boolean> {
	const data = stored.call(this);
	const { appId, secret } = await appCredentials.call(this);
	const callbackUrl = callbackUrlOf.call(this);
	const target = subscriptionTarget.call(this);
	const ids = new Set<string>();
	if (data.subscriptionId) ids.add(data.subscriptionId);
	for (const subscription of await listSubscriptions.call(this)) {
		if (isOurs(subscription, callbackUrl, target)) ids.add(String(subscription.subscription_id));
	}
	for (const subscriptionId of ids) {
		// Ending a subscription twice changes nothing: safe to repeat. One already gone at TikTok (ended with the token,
		// or by another deactivation) leaves nothing to end.
		await businessRequest
			.call(this, {
				method: 'POST',
				path: UNSUBSCRIBE_PATH,
				body: { app_id: appId, secret, subscription_id: subscriptionId },
				idempotent: true,
			})
			.catch((error: Error) => {
				if (!/does not exist|not exist|not found/i.test(String(error.message))) throw error;
			});
	}
	delete data.subscriptionId;
	delete data.callbackUrl;
	return true;
}
