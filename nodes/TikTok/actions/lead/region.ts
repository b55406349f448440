import type { INodeProperties } from 'n8n-workflow';

/**
 * TikTok keeps leads per region and returns EEA/Swiss/UK and US leads only when asked with `x-lead-region` (`eu`,
 * `us`); without it, only the rest of the world's (contract §8.3). `all` (the default) reads the three, one task each.
 */
export type LeadRegion = 'all' | '' | 'eu' | 'us';

/** The regions TikTok keeps leads in: the `x-lead-region` header (none for the rest of the world), and the item's `region`. */
const REGIONS = [
	{ value: '', header: undefined, item: 'rest_of_world' },
	{ value: 'eu', header: 'eu', item: 'eu' },
	{ value: 'us', header: 'us', item: 'us' },
] as const;

/** The regions an option value reads: all three for `all` (or no value), else the one named. */
export function regionsOf(region: unknown): Array<(typeof REGIONS)[number]> {
	if (region === undefined || region === null || region === 'all') return [...REGIONS];
	const one = REGIONS.find((r) => r.value === region);
	return one ? [one] : [...REGIONS];
}

export const leadRegionOption: INodeProperties = {
	displayName: 'Lead Region',
	name: 'region',
	type: 'options',
	options: [
		{ name: 'All Regions', value: 'all' },
		{ name: 'Rest of the World', value: '' },
		{ name: 'EEA, Switzerland, UK', value: 'eu' },
		{ name: 'United States', value: 'us' },
	],
	default: 'all',
	description:
		'Where TikTok stores the leads: TikTok keeps EEA/Swiss/UK and US leads apart and returns them only when asked for that region. All Regions reads the three (one TikTok download task each).',
};
