import type { INodeProperties } from 'n8n-workflow';

import { leadRegionOption } from '../actions/lead/region';
import { advertiserRLC } from '../actions/common.descriptions';

const leadEvent = { show: { event: ['leadReceived'] } };

/** Parameters of the `leadReceived` event: one advertiser and the instant forms to watch. */
export const leadTriggerProperties: INodeProperties[] = [
	{ ...advertiserRLC, displayOptions: leadEvent },
	{
		displayName: 'Instant Form Names or IDs',
		name: 'pageIds',
		type: 'multiOptions',
		typeOptions: {
			loadOptionsMethod: 'getLeadForms',
			loadOptionsDependsOn: ['advertiserId.value'],
		},
		required: true,
		default: [],
		description:
			'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'The instant forms (lead forms) to watch, listed from the chosen advertiser (choose it first). Each new lead is emitted once, with its answers.',
		displayOptions: leadEvent,
	},
	{
		displayName: 'Options',
		name: 'leadOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: leadEvent,
		options: [leadRegionOption],
	},
];
