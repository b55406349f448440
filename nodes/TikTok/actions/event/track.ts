import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { withItemIndex } from '../../helpers/items';
import { BUSINESS_CREDENTIALS, businessRequest, tikTokCodeOf } from '../../transport';
import type { EventSource } from './catalog';
import { AUTHENTICATION_VALUES } from './send.description';

export const EVENTS_CREDENTIALS = 'tikTokEventsApi';

/** One item's event, checked and with its personal data hashed, ready for `data[]` of `/event/track/`. */
export interface PreparedEvent {
	source: EventSource;
	pixelCode: string;
	testEventCode: string;
	event: IDataObject;
	/** Whether the node made the event ID (none was given). */
	generatedId: boolean;
	/** The user fields sent (names only: the values are personal data). */
	userFields: string[];
}

/** TikTok codes that refuse a request for what it holds (a parameter error), not for who sent it. */
const REFUSED_CONTENT_CODES = new Set<number | string>([40000, 40002]);

/**
 * Extra requests one refused request may take to find its bad events (halving: about 2 × log2(1000) ≈ 20 per bad
 * event). Events still unresolved then fail with the refusal.
 */
const MAX_ISOLATION_REQUESTS = 60;

/** The credential the node's Authentication parameter chose. */
export function credentialOf(this: IExecuteFunctions): string {
	return this.getNodeParameter('authentication', 0, AUTHENTICATION_VALUES.eventsApi) === AUTHENTICATION_VALUES.business
		? BUSINESS_CREDENTIALS
		: EVENTS_CREDENTIALS;
}

/**
 * Sends `ids` (events of one source, pixel and test code; at most 1,000) in one request, and returns each one's
 * output. When TikTok refuses the request for what it holds, it is split in halves and each half sent again until
 * the refused events are alone: those fail, the others are accepted (a refused request records nothing, and TikTok
 * deduplicates by event ID). Any other failure (token, permission, TikTok down after the retries) fails them all.
 */
export async function sendEvents(
	this: IExecuteFunctions,
	credentialType: string,
	first: PreparedEvent,
	ids: string[],
	events: Map<string, PreparedEvent>,
	itemIndex: number,
): Promise<Map<string, IDataObject | Error>> {
	const results = new Map<string, IDataObject | Error>();
	let budget = MAX_ISOLATION_REQUESTS;
	const send = async (part: string[]): Promise<void> => {
		let envelope: IDataObject;
		try {
			envelope = await businessRequest.call(this, {
				method: 'POST',
				path: '/event/track/',
				credentialType,
				body: {
					event_source: first.source,
					event_source_id: first.pixelCode,
					...(first.testEventCode !== '' ? { test_event_code: first.testEventCode } : {}),
					data: part.map((id) => (events.get(id) as PreparedEvent).event),
				},
				// Every event carries an event ID TikTok deduplicates on: sending one again is harmless.
				idempotent: true,
				write: true,
				itemIndex,
				fullResponse: true,
			});
		} catch (error) {
			const code = tikTokCodeOf(error);
			if (code === undefined || !REFUSED_CONTENT_CODES.has(code) || (part.length > 1 && budget < 2)) {
				if (part.length === ids.length) throw withItemIndex(this.getNode(), error, itemIndex);
				for (const id of part) results.set(id, error as Error);
				return;
			}
			if (part.length === 1) {
				results.set(part[0], error as Error);
				return;
			}
			budget -= 2;
			const half = Math.ceil(part.length / 2);
			await send(part.slice(0, half));
			await send(part.slice(half));
			return;
		}
		for (const id of part) results.set(id, outputOf(events.get(id) as PreparedEvent, envelope, part.length));
	};
	await send(ids);
	return results;
}

/** An item's output: the event as sent (personal data only named) and TikTok's answer to its request. */
function outputOf(prepared: PreparedEvent, envelope: IDataObject, eventsInRequest: number): IDataObject {
	const { event } = prepared;
	const properties = (event.properties ?? {}) as IDataObject;
	return {
		event: event.event,
		event_id: event.event_id,
		event_id_generated: prepared.generatedId,
		event_time: event.event_time,
		event_source: prepared.source,
		event_source_id: prepared.pixelCode,
		...(prepared.testEventCode !== '' ? { test_event_code: prepared.testEventCode } : {}),
		...(properties.value !== undefined ? { value: properties.value } : {}),
		...(properties.currency !== undefined ? { currency: properties.currency } : {}),
		user_data_sent: prepared.userFields,
		accepted: true,
		code: Number(envelope.code),
		message: String(envelope.message ?? ''),
		request_id: String(envelope.request_id ?? ''),
		events_in_request: eventsInRequest,
	};
}
