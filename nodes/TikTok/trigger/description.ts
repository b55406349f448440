import type { INodeProperties } from 'n8n-workflow';

import { requestOptions } from '../actions/common.descriptions';
import { requestsPerSecondProperty } from '../actions/requestsPerSecond.description';
import { leadTriggerProperties } from './leads.description';

const adEvents = { show: { event: ['adCreated', 'adUpdated'] } };

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Ad Created',
				value: 'adCreated',
				description: 'Each ad created since the last poll',
			},
			{
				name: 'Ad Updated',
				value: 'adUpdated',
				description: 'Each ad created or modified since the last poll',
			},
			{
				name: 'Lead Received',
				value: 'leadReceived',
				description: 'Each new lead of the chosen instant forms',
			},
			{
				name: 'Video Posted',
				value: 'videoPosted',
				description: 'Each new video post of the connected TikTok user',
			},
		],
		default: 'adCreated',
	},
	{
		displayName: 'Advertiser Names or IDs',
		name: 'advertiserIds',
		type: 'multiOptions',
		typeOptions: {
			loadOptionsMethod: 'getAdvertisers',
		},
		required: true,
		default: [],
		description:
			'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'The advertisers (ad accounts) to watch. Each is tracked on its own. An expression may give an array of IDs or IDs separated by commas.',
		displayOptions: adEvents,
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: {
			minValue: 1,
		},
		default: 50,
		description: 'Max number of results to return',
		hint: 'Most ads emitted per poll, oldest first. Ads over the limit come in the next poll: none is dropped.',
		displayOptions: adEvents,
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: adEvents,
		options: [
			{
				displayName: 'Ad Group Names or IDs',
				name: 'adgroupIds',
				type: 'multiOptions',
				typeOptions: {
					loadOptionsMethod: 'getAdGroups',
					loadOptionsDependsOn: ['advertiserIds', 'filters.campaignIds'],
				},
				default: [],
				description:
					'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				hint: 'Only ads in these ad groups (up to 100). The list shows the chosen advertisers\' ad groups: choose the advertisers first.',
			},
			{
				displayName: 'Campaign Names or IDs',
				name: 'campaignIds',
				type: 'multiOptions',
				typeOptions: {
					loadOptionsMethod: 'getCampaigns',
					loadOptionsDependsOn: ['advertiserIds'],
				},
				default: [],
				description:
					'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				hint: 'Only ads in these campaigns (up to 100). The list shows the chosen advertisers\' campaigns: choose the advertisers first.',
			},
		],
	},
	{
		displayName:
			'Emits each new public video post of the TikTok account connected in the credential (needs the video.list scope)',
		name: 'videoNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { event: ['videoPosted'] } },
	},
	...leadTriggerProperties,
	requestOptions,
	requestsPerSecondProperty,
];
