import type { INodeProperties } from 'n8n-workflow';

import * as ad from './ad/Ad.resource';
import * as adReport from './adReport/AdReport.resource';

/** The resource selector and every operation's parameters, in the order the editor shows them. */
export const nodeProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Ad',
				value: 'ad',
			},
			{
				name: 'Ad Report',
				value: 'adReport',
			},
		],
		default: 'ad',
	},
	...ad.description,
	...adReport.description,
];
