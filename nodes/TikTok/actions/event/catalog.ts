/**
 * What TikTok's Events API 2.0 (`POST /event/track/`) accepts, each list with its source in docs/tiktok-contract.md
 * §18 (bububa/tiktok-business model/event/track.go and enum/event_type.go, enum/event_source.go).
 */

/** Most events one request carries: TikTok refuses a whole request holding more (§18.2). */
export const EVENTS_PER_REQUEST = 1000;

/** Event sources the node sends (§18.1): `web` (a pixel) and `offline` (an offline event set). */
export const EVENT_SOURCES = ['web', 'offline'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

/** Standard web events (the same for offline events), case-sensitive (§18.3). */
export const STANDARD_EVENTS = [
	'AddPaymentInfo',
	'AddToCart',
	'AddToWishlist',
	'ApplicationApproval',
	'CompleteRegistration',
	'Contact',
	'CustomizeProduct',
	'Download',
	'FindLocation',
	'InitiateCheckout',
	'Lead',
	'Purchase',
	'Schedule',
	'Search',
	'StartTrial',
	'SubmitApplication',
	'Subscribe',
	'ViewContent',
] as const;

/** The `event` parameter's value that sends the Custom Event Name instead of a standard event. */
export const CUSTOM_EVENT = 'custom';

/** ISO 4217 codes TikTok lists as supported for `properties.currency` (§18.4). */
export const CURRENCIES = [
	'AED', 'ARS', 'AUD', 'BDT', 'BHD', 'BIF', 'BOB', 'BRL', 'CAD', 'CHF', 'CLP', 'CNY', 'COP', 'CRC', 'CZK', 'DKK',
	'DZD', 'EGP', 'EUR', 'GBP', 'GTQ', 'HKD', 'HNL', 'HUF', 'IDR', 'ILS', 'INR', 'ISK', 'JPY', 'KES', 'KHR', 'KRW',
	'KWD', 'KZT', 'MAD', 'MOP', 'MXN', 'MYR', 'NGN', 'NIO', 'NOK', 'NZD', 'OMR', 'PEN', 'PHP', 'PKR', 'PLN', 'PYG',
	'QAR', 'RON', 'RUB', 'SAR', 'SEK', 'SGD', 'THB', 'TRY', 'TWD', 'UAH', 'USD', 'VES', 'VND', 'ZAR',
] as const;

/** An event source ID as typed: letters, digits, '_' or '-' (a pixel code, an offline event set ID). */
export const PIXEL_CODE_REGEX = '^\\s*[A-Za-z0-9_-]{1,64}\\s*$';
