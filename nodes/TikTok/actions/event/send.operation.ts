import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { executeBatched } from '../../helpers/batch';
import { parseDateTime } from '../../helpers/time';
import { assertOneOf, parseJsonParameter } from '../../helpers/validation';
import type { EventSource } from './catalog';
import { CURRENCIES, CUSTOM_EVENT, EVENT_SOURCES, EVENTS_PER_REQUEST, STANDARD_EVENTS } from './catalog';
import { hashUserField, sha256Hex } from './normalize';
import { sendProperties } from './send.description';
import type { PreparedEvent } from './track';
import { credentialOf, sendEvents } from './track';

const displayOptions = { show: { resource: ['event'], operation: ['send'] } };

export const description = updateDisplayOptions(displayOptions, sendProperties);

/**
 * What the operation does at TikTok, for the AI-agent tool guard (registry.ts `OperationEffect`): sending events records
 * conversions, a write, not destructive (no spend, nothing public, deduplicated by event ID).
 */
export const effect = 'write' as const;

const CONTENT_KEYS = ['content_id', 'content_name', 'content_category', 'brand', 'price'];

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value).trim();
}

/** Event Time: Unix seconds (or milliseconds), a date text, or a date from an expression → Unix seconds. */
function eventTimeOf(this: IExecuteFunctions, raw: unknown, i: number): number {
	const node = this.getNode();
	const value = typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
	const dt = parseDateTime(node, value, 'Event Time', this.getTimezone(), i);
	if (!dt) {
		throw new NodeOperationError(node, 'The "Event Time" parameter is empty: give the time the event happened (Unix seconds or a date)', {
			itemIndex: i,
		});
	}
	return Math.floor(dt.toSeconds());
}

/** A non-negative number (the event's value, a content's price), naming the field otherwise. */
function amountOf(this: IExecuteFunctions, raw: unknown, field: string, i: number): number {
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw.trim()) : raw;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
		throw new NodeOperationError(this.getNode(), `The "${field}" parameter must be a number of 0 or more, such as 20.00, got "${String(raw).slice(0, 40)}"`, {
			itemIndex: i,
		});
	}
	return value;
}

function contentsOf(this: IExecuteFunctions, raw: unknown, i: number): IDataObject[] | undefined {
	const node = this.getNode();
	const list = parseJsonParameter<unknown>(node, raw ?? '[]', 'Event Properties → Contents (JSON)', i);
	const entries = Array.isArray(list) ? list : typeof list === 'object' && list !== null && Object.keys(list).length === 0 ? [] : undefined;
	if (!entries || entries.length > EVENTS_PER_REQUEST) {
		throw new NodeOperationError(node, 'The "Event Properties → Contents (JSON)" parameter must be a JSON list of products (at most 1,000)', {
			itemIndex: i,
		});
	}
	if (entries.length === 0) return undefined;
	return entries.map((entry) => {
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
			throw new NodeOperationError(node, 'Each entry of "Event Properties → Contents (JSON)" must be an object such as {"content_id": "sku-1"}', {
				itemIndex: i,
			});
		}
		const content: IDataObject = {};
		for (const [key, value] of Object.entries(entry as IDataObject)) {
			if (!CONTENT_KEYS.includes(key)) {
				throw new NodeOperationError(node, `"Event Properties → Contents (JSON)" holds "${key.slice(0, 40)}": TikTok takes ${CONTENT_KEYS.join(', ')}`, {
					itemIndex: i,
				});
			}
			content[key] = key === 'price' ? amountOf.call(this, value, 'Contents → price', i) : text(value);
		}
		return content;
	});
}

function propertiesOf(this: IExecuteFunctions, i: number): IDataObject | undefined {
	const node = this.getNode();
	const given = this.getNodeParameter('eventProperties', i, {}) as IDataObject;
	const properties: IDataObject = {};
	if (given.currency !== undefined) {
		properties.currency = assertOneOf(node, text(given.currency).toUpperCase(), CURRENCIES, 'Event Properties → Currency', i);
	}
	if (given.value !== undefined && given.value !== '') properties.value = amountOf.call(this, given.value, 'Event Properties → Value', i);
	if (given.contents !== undefined) {
		const contents = contentsOf.call(this, given.contents, i);
		if (contents) properties.contents = contents;
	}
	if (given.contentType !== undefined) {
		properties.content_type = assertOneOf(node, given.contentType, ['product', 'product_group'], 'Event Properties → Content Type', i);
	}
	if (given.numItems !== undefined) properties.num_items = Math.floor(amountOf.call(this, given.numItems, 'Event Properties → Number of Items', i));
	for (const [name, key] of [['orderId', 'order_id'], ['description', 'description'], ['searchString', 'search_string']]) {
		if (text(given[name]) !== '') properties[key] = text(given[name]);
	}
	return Object.keys(properties).length > 0 ? properties : undefined;
}

/** User data: personal data hashed here; IP, user agent and click ID as they are (TikTok wants them unhashed). */
function userOf(this: IExecuteFunctions, source: EventSource, countryCode: string, i: number): { user?: IDataObject; sent: string[] } {
	const node = this.getNode();
	const given = this.getNodeParameter('userData', i, {}) as IDataObject;
	const user: IDataObject = {};
	const sent: string[] = [];
	for (const [field, key] of [['email', 'email'], ['phone', 'phone'], ['externalId', 'external_id']] as const) {
		const hashes = hashUserField(node, field, given[field], countryCode, i);
		if (hashes.length > 0) {
			user[key] = hashes;
			sent.push(key);
		}
	}
	for (const [field, key] of [['ip', 'ip'], ['userAgent', 'user_agent'], ['ttclid', 'ttclid']] as const) {
		if (text(given[field]) === '') continue;
		user[key] = text(given[field]);
		sent.push(key);
	}
	// TikTok takes these for web events only (docs/tiktok-contract.md §18.4).
	const webOnly = ['external_id', 'ip', 'user_agent', 'ttclid'].filter((key) => key in user);
	if (source !== 'web' && webOnly.length > 0) {
		throw new NodeOperationError(node, `User Data → ${webOnly.join(', ')} can be sent with web events only, not ${source} events`, {
			itemIndex: i,
		});
	}
	return { user: sent.length > 0 ? user : undefined, sent };
}

/** Reads and checks one item's event, personal data hashed: everything that can be checked before any request. */
function prepare(this: IExecuteFunctions, i: number): PreparedEvent {
	const node = this.getNode();
	const source = assertOneOf(node, this.getNodeParameter('eventSource', i, 'web'), EVENT_SOURCES, 'Event Source', i) as EventSource;
	const pixelCode = text(this.getNodeParameter('pixelCode', i, '', { extractValue: true }));
	if (!/^[A-Za-z0-9_-]{1,64}$/.test(pixelCode)) {
		throw new NodeOperationError(node, 'The "Pixel Code" parameter must be the pixel code or event set ID Events Manager shows (letters and digits)', {
			itemIndex: i,
		});
	}
	const chosen = text(this.getNodeParameter('event', i, ''));
	let eventName: string;
	if (chosen === CUSTOM_EVENT) {
		eventName = text(this.getNodeParameter('customEvent', i, ''));
		if (!/^[A-Za-z0-9_ -]{1,100}$/.test(eventName)) {
			throw new NodeOperationError(node, 'The "Custom Event Name" parameter must be 1 to 100 letters, digits, spaces, "_" or "-"', { itemIndex: i });
		}
		if (source !== 'web') {
			throw new NodeOperationError(node, `Custom events can be sent as web events only: TikTok takes standard events for ${source} events`, { itemIndex: i });
		}
	} else {
		eventName = assertOneOf(node, chosen, STANDARD_EVENTS, 'Event', i);
	}
	const eventTime = eventTimeOf.call(this, this.getNodeParameter('eventTime', i, ''), i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const { user, sent } = userOf.call(this, source, text(options.phoneCountryCode), i);
	const properties = propertiesOf.call(this, i);

	const event: IDataObject = { event: eventName, event_time: eventTime };
	if (user) event.user = user;
	if (properties) event.properties = properties;
	if (source === 'web') {
		const url = text(this.getNodeParameter('pageUrl', i, ''));
		if (!/^https?:\/\/\S+$/i.test(url)) {
			throw new NodeOperationError(node, 'The "Page URL" parameter must be the http(s) address of the page where the event happened: TikTok requires it for web events', {
				itemIndex: i,
			});
		}
		event.page = text(options.referrer) !== '' ? { url, referrer: text(options.referrer) } : { url };
	}
	if (options.limitedDataUse === true) event.limited_data_use = true;
	let eventId = text(this.getNodeParameter('eventId', i, ''));
	const generated = eventId === '';
	if (generated) {
		// Same execution, node, item and event → same ID, so TikTok counts a re-sent event once; the content is part of
		// it so that items of a loop (same item index, other data) stay apart.
		const seed = JSON.stringify([this.getExecutionId(), node.id, i, source, pixelCode, event]);
		eventId = `n8n_${sha256Hex(seed).slice(0, 32)}`;
	} else if (eventId.length > 256) {
		throw new NodeOperationError(node, 'The "Event ID" parameter is longer than 256 characters', { itemIndex: i });
	}
	event.event_id = eventId;
	const testEventCode = text(options.testEventCode);
	return { source, pixelCode, testEventCode, event, generatedId: generated, userFields: sent };
}

/**
 * Sends one event per input item to TikTok's Events API (`POST /event/track/`), up to 1,000 per request: items with
 * the same event source, pixel and test code go together, so N items take ceil(N / 1000) requests. Every item is
 * checked and its personal data hashed before any request; each output item is paired with its input and carries
 * TikTok's answer for it. A request TikTok refuses as a whole for one bad event is split until that event is found,
 * so only its item fails (events carry an event ID: TikTok counts a re-sent one once).
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const credentialType = credentialOf.call(this);
	// The events by the ID executeBatched knows them by (the first item naming one is the one sent).
	const events = new Map<string, PreparedEvent>();
	const idOf = (p: PreparedEvent) => JSON.stringify([p.event.event, p.event.event_id]);
	return await executeBatched<PreparedEvent>(this, items, {
		batchSize: EVENTS_PER_REQUEST,
		prepare: (i) => {
			const prepared = prepare.call(this, i);
			if (!events.has(idOf(prepared))) events.set(idOf(prepared), prepared);
			return prepared;
		},
		groupKey: (p) => JSON.stringify([p.source, p.pixelCode, p.testEventCode]),
		// TikTok deduplicates by event source, event ID and event: items naming the same one are one event.
		id: idOf,
		send: async (p, ids, itemIndex) => await sendEvents.call(this, credentialType, p, ids, events, itemIndex),
		missing: (_p, _id, itemIndex) => new NodeOperationError(this.getNode(), 'The event was not sent', { itemIndex }),
	});
}
