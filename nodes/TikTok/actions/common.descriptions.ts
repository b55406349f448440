import type { INodeProperties } from 'n8n-workflow';

/**
 * A TikTok Ads Manager address (ads.tiktok.com, any page) carrying the advertiser ID as `aadvid`; the first group is
 * the ID. Anchored at the start so a look-alike host cannot match.
 */
export const ADS_MANAGER_URL_REGEX = '^\\s*https://ads\\.tiktok\\.com/[^?#\\s]*\\?(?:[^#\\s]*&)?aadvid=(\\d{1,20})(?:[&#]\\S*)?\\s*$';

/** Advertiser picker shared by every Business operation: a searchable list of the advertisers the token reaches, or an ID. */
export const advertiserRLC: INodeProperties = {
	displayName: 'Advertiser',
	name: 'advertiserId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The advertiser (ad account) to work in: pick it, type its ID, or paste its TikTok Ads Manager URL',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select an advertiser...',
			typeOptions: {
				searchListMethod: 'searchAdvertisers',
				searchable: true,
			},
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 7012345678901234567',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*\\d{1,19}\\s*$',
						errorMessage: 'Not a valid TikTok advertiser ID (digits only)',
					},
				},
			],
		},
		{
			// TikTok Ads Manager pages name the advertiser in their `aadvid` query parameter (docs/tiktok-contract.md).
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'e.g. https://ads.tiktok.com/i18n/dashboard?aadvid=7012345678901234567',
			extractValue: { type: 'regex', regex: ADS_MANAGER_URL_REGEX },
			validation: [
				{
					type: 'regex',
					properties: {
						regex: ADS_MANAGER_URL_REGEX,
						errorMessage: 'Not a TikTok Ads Manager URL: open the advertiser in Ads Manager and copy the address (it holds aadvid=…)',
					},
				},
			],
		},
	],
};

/**
 * A picker for one TikTok object of the chosen advertiser (campaign, ad group, ad, instant form): a searchable list or
 * an ID, so an AI agent's model can fill it ("Let the model define this parameter" is not offered on a dropdown).
 * Read it with `getNodeParameter(name, i, '', { extractValue: true })`, which also reads a plain ID string: the value
 * workflows saved while the parameter was a dropdown.
 */
export function idLocator(picker: {
	displayName: string;
	name: string;
	/** The object in the placeholder and the ID error, e.g. `campaign`. */
	noun: string;
	searchListMethod: string;
	description: string;
	example: string;
	/** Shown under the picker, e.g. that the list needs the advertiser first. */
	hint?: string;
}): INodeProperties {
	return {
		displayName: picker.displayName,
		name: picker.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: picker.description,
		...(picker.hint ? { hint: picker.hint } : {}),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select ${/^[aeiou]/.test(picker.noun) ? 'an' : 'a'} ${picker.noun}...`,
				typeOptions: { searchListMethod: picker.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${picker.example}`,
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*\\d{1,20}\\s*$', errorMessage: `Not a valid TikTok ${picker.noun} ID (digits only)` },
					},
				],
			},
		],
	};
}

/** `returnAll` / `limit`, as every n8n "Get Many" operation has them. Read them with `getLimit`. */
export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/**
 * How long to wait for TikTok, shown under every resource (and in the trigger). The transport reads it
 * (`requestTimeoutMs`): each attempt may take this long, and a whole call, retries and waits included, four times it.
 */
export const requestOptions: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 600 },
			default: 30,
			description:
				'Seconds to wait for each answer from TikTok (connecting and reading it whole). Retries of a read after a timeout, and waits TikTok asks for, fit in four times this in all.',
		},
	],
};
