import { createHash } from 'node:crypto';

import type { INodeExecutionData } from 'n8n-workflow';

import type { FakeTikTok } from '../harness/fake';
import { BUSINESS_PREFIX } from '../harness/fake';

export const TRACK = `${BUSINESS_PREFIX}/event/track/`;
export const PIXEL_LIST = `${BUSINESS_PREFIX}/pixel/list/`;
export const SHA256_HEX = /^[0-9a-f]{64}$/;

export function sha256(text: string): string {
	return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The fake's first pixel: the one its Events API token sends to. */
export function pixelOf(fake: FakeTikTok, n = 0): string {
	return (fake.state.pixels as Array<{ pixel_code: string }>)[n].pixel_code;
}

/** One customer per item, with raw personal data in the forms people type it. */
export function customer(n: number): { email: string; phone: string; userId: string; order: string; total: number } {
	return {
		email: `  Buyer.${n}@Example.COM `,
		phone: `+1 (415) 555-${String(n % 10000).padStart(4, '0')}`,
		userId: `crm-user-${n}`,
		order: `order-${n}`,
		total: 10 + (n % 90),
	};
}

/** What each customer's hashes must be: SHA-256 of the normalised values. */
export function expectedHashes(n: number): { email: string; phone: string; externalId: string } {
	return {
		email: sha256(`buyer.${n}@example.com`),
		phone: sha256(`+1415555${String(n % 10000).padStart(4, '0')}`),
		externalId: sha256(`crm-user-${n}`),
	};
}

export function inputOf(count: number, offset = 0): INodeExecutionData[] {
	return Array.from({ length: count }, (_, i) => ({ json: customer(i + offset) }));
}

/** Event → Send parameters taking each customer from the item. */
export function sendParameters(fake: FakeTikTok, extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		resource: 'event',
		operation: 'send',
		authentication: 'businessOAuth2',
		eventSource: 'web',
		pixelCode: { __rl: true, mode: 'id', value: pixelOf(fake) },
		event: 'Purchase',
		eventTime: '1796484600',
		eventId: '={{ $json.order }}',
		pageUrl: 'https://shop.example.com/thank-you',
		userData: { email: '={{ $json.email }}', phone: '={{ $json.phone }}', externalId: '={{ $json.userId }}' },
		eventProperties: { currency: 'EUR', value: '={{ $json.total }}' },
		options: { testEventCode: 'TEST42' },
		...extra,
	};
}

/** Every string anywhere in a value (to look for raw personal data). */
export function textOf(value: unknown): string {
	return JSON.stringify(value) ?? '';
}
