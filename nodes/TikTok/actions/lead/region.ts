import type { INodeProperties } from 'n8n-workflow';

/** TikTok keeps leads per region and wants `x-lead-region` for EEA/UK/Swiss and US leads (contract §8.3). */
export const leadRegionOption: INodeProperties = {
	displayName: 'Lead Region',
	name: 'region',
	type: 'options',
	options: [
		{ name: 'Rest of the World', value: '' },
		{ name: 'EEA, Switzerland, UK', value: 'eu' },
		{ name: 'United States', value: 'us' },
	],
	default: '',
	description: 'Where TikTok stores the leads: TikTok keeps EEA/Swiss/UK and US leads apart and returns them only when asked for that region',
};
