import type { INodeProperties } from 'n8n-workflow';

import { CURRENCIES, CUSTOM_EVENT, PIXEL_CODE_REGEX } from './catalog';

/** Which credential Event → Send uses: the node shows exactly that one. */
export const AUTHENTICATION_VALUES = { business: 'businessOAuth2', eventsApi: 'eventsApiToken' } as const;

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Events API Access Token',
			value: 'eventsApiToken',
			description: "The pixel's token from TikTok Events Manager (TikTok Events API credential)",
		},
		{
			name: 'TikTok Business OAuth2',
			value: 'businessOAuth2',
			description: 'A Marketing API token with the measurement permission; also lists your pixels',
		},
	],
	default: 'eventsApiToken',
};

export const sendProperties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName: 'Event Source',
		name: 'eventSource',
		type: 'options',
		options: [
			{ name: 'Web (Pixel)', value: 'web', description: 'Events of your website, tracked by a pixel' },
			{ name: 'Offline (Event Set)', value: 'offline', description: 'Purchases in a shop, tracked by an offline event set' },
		],
		default: 'web',
		description: 'Where the events happened',
	},
	{
		displayName: 'Pixel Code',
		name: 'pixelCode',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			'The pixel (for web events) or offline event set (for offline events) the events belong to, as Events Manager shows its ID. From List needs the TikTok Business credential; with the Events API token enter the code by ID.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a pixel...',
				typeOptions: { searchListMethod: 'searchPixels', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. C4ABCDEFGHIJKLMNOP12',
				validation: [
					{
						type: 'regex',
						properties: { regex: PIXEL_CODE_REGEX, errorMessage: 'Not a pixel code or event set ID (letters and digits)' },
					},
				],
			},
		],
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		options: [
			// TikTok's standard events (catalog.ts STANDARD_EVENTS; a test checks both lists agree).
			{ name: 'Add Payment Info', value: 'AddPaymentInfo' },
			{ name: 'Add To Cart', value: 'AddToCart' },
			{ name: 'Add To Wishlist', value: 'AddToWishlist' },
			{ name: 'Application Approval', value: 'ApplicationApproval' },
			{ name: 'Complete Registration', value: 'CompleteRegistration' },
			{ name: 'Contact', value: 'Contact' },
			{ name: 'Customize Product', value: 'CustomizeProduct' },
			{ name: 'Download', value: 'Download' },
			{ name: 'Find Location', value: 'FindLocation' },
			{ name: 'Initiate Checkout', value: 'InitiateCheckout' },
			{ name: 'Lead', value: 'Lead' },
			{ name: 'Purchase', value: 'Purchase' },
			{ name: 'Schedule', value: 'Schedule' },
			{ name: 'Search', value: 'Search' },
			{ name: 'Start Trial', value: 'StartTrial' },
			{ name: 'Submit Application', value: 'SubmitApplication' },
			{ name: 'Subscribe', value: 'Subscribe' },
			{ name: 'View Content', value: 'ViewContent' },
			{ name: 'Custom Event', value: CUSTOM_EVENT, description: 'An event name of your own (web events only)' },
		],
		default: 'Purchase',
		description: "TikTok's standard event, or a custom one",
	},
	{
		displayName: 'Custom Event Name',
		name: 'customEvent',
		type: 'string',
		default: '',
		placeholder: 'e.g. BookedCall',
		description: 'The name TikTok shows for the custom event',
		displayOptions: { show: { event: [CUSTOM_EVENT] } },
	},
	{
		displayName: 'Event Time',
		name: 'eventTime',
		type: 'string',
		required: true,
		default: '={{ $now.toISO() }}',
		placeholder: 'e.g. 2026-12-04T15:30:00Z or 1796484600',
		description: 'When the event happened: Unix seconds or a date and time (default: now)',
	},
	{
		displayName: 'Event ID',
		name: 'eventId',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.order_id }}',
		description:
			'Identifies the event so TikTok counts it once: the same ID your browser pixel sends for it. Left empty, the node makes one from the execution, the item and the event, so a retried request is not counted twice.',
	},
	{
		displayName: 'Page URL',
		name: 'pageUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://shop.example.com/checkout/thank-you',
		description: 'The page where the event happened (TikTok requires it for web events)',
		displayOptions: { show: { eventSource: ['web'] } },
	},
	{
		displayName: 'User Data',
		name: 'userData',
		type: 'collection',
		placeholder: 'Add User Data',
		default: {},
		description:
			'Who the event is about, to match it to TikTok users. Email, phone and external ID are normalised and SHA-256 hashed inside n8n; a 64-character hex hash is sent as it is.',
		options: [
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'e.g. nathan@example.com', default: '', description: 'Trimmed, lower-cased, then hashed. An expression may give a list.' },
			{ displayName: 'External ID', name: 'externalId', type: 'string', default: '', description: 'Your ID of the customer (CRM or shop user ID), hashed as given (web events)' },
			{ displayName: 'IP Address', name: 'ip', type: 'string', default: '', description: "The customer's public IP address (IPv4 or IPv6), sent as it is (web events)" },
			{ displayName: 'Phone', name: 'phone', type: 'string', default: '', placeholder: 'e.g. +12133734253', description: 'Turned into international format (E.164), then hashed. An expression may give a list.' },
			{ displayName: 'TikTok Click ID', name: 'ttclid', type: 'string', default: '', description: 'The ttclid parameter TikTok added to the landing page URL (web events)' },
			{ displayName: 'User Agent', name: 'userAgent', type: 'string', default: '', description: "The customer's browser user agent, sent as it is (web events)" },
		],
	},
	{
		displayName: 'Event Properties',
		name: 'eventProperties',
		type: 'collection',
		placeholder: 'Add Property',
		default: {},
		options: [
			{ displayName: 'Content Type', name: 'contentType', type: 'options', options: [{ name: 'Product', value: 'product' }, { name: 'Product Group', value: 'product_group' }], default: 'product', description: 'Whether the content IDs are products (SKU) or product groups' },
			{ displayName: 'Contents (JSON)', name: 'contents', type: 'json', default: '[]', description: 'The products, e.g. [{"content_id": "sku-1", "content_name": "Mug", "price": 12.5}] (content_id, content_name, content_category, brand, price)' },
			{ displayName: 'Currency', name: 'currency', type: 'options', options: CURRENCIES.map((c) => ({ name: c, value: c })), default: 'USD', description: 'ISO 4217 code of the value (the currencies TikTok supports)' },
			{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'A description of the product or page' },
			{ displayName: 'Number of Items', name: 'numItems', type: 'number', typeOptions: { minValue: 0 }, default: 1, description: 'How many items the order holds' },
			{ displayName: 'Order ID', name: 'orderId', type: 'string', default: '', description: 'Your order ID' },
			{ displayName: 'Search String', name: 'searchString', type: 'string', default: '', description: 'What the customer searched for (Search events)' },
			{ displayName: 'Value', name: 'value', type: 'number', typeOptions: { minValue: 0, numberPrecision: 2 }, default: 0, description: 'The total value of the order, e.g. 20.00 for two items of 10.00' },
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{ displayName: 'Default Phone Country Code', name: 'phoneCountryCode', type: 'string', default: '', placeholder: 'e.g. 1 or +44', description: 'Country calling code for phone numbers written without one (national numbers). Without it, such numbers are refused.' },
			{ displayName: 'Limited Data Use', name: 'limitedDataUse', type: 'boolean', default: false, description: 'Whether TikTok may use the event only in a limited way (US state privacy laws)' },
			{ displayName: 'Referrer URL', name: 'referrer', type: 'string', default: '', description: 'The page the customer came from (web events)' },
			{ displayName: 'Test Event Code', name: 'testEventCode', type: 'string', default: '', placeholder: 'e.g. TEST12345', description: "The code of Events Manager's Test Events tab: the events show there, to check a setup" },
		],
	},
];
