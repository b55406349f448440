import type { INodeProperties } from 'n8n-workflow';

import { allowDestructiveProperty } from '../helpers/tool';

import * as ad from './ad/Ad.resource';
import * as adGroup from './adGroup/AdGroup.resource';
import * as adReport from './adReport/AdReport.resource';
import * as advertiser from './advertiser/Advertiser.resource';
import * as apiCall from './apiCall/ApiCall.resource';
import * as campaign from './campaign/Campaign.resource';
import * as lead from './lead/Lead.resource';
import * as leadForm from './leadForm/LeadForm.resource';
import * as post from './post/Post.resource';
import * as sound from './sound/Sound.resource';
import * as user from './user/User.resource';
import * as video from './video/Video.resource';
import { requestOptions } from './common.descriptions';
import { requestsPerSecondProperty } from './requestsPerSecond.description';

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
				name: 'Ad Group',
				value: 'adGroup',
			},
			{
				name: 'Ad Report',
				value: 'adReport',
			},
			{
				name: 'Advertiser',
				value: 'advertiser',
			},
			{
				name: 'API Call',
				value: 'apiCall',
			},
			{
				name: 'Campaign',
				value: 'campaign',
			},
			{
				name: 'Instant Form',
				value: 'leadForm',
			},
			{
				name: 'Lead',
				value: 'lead',
			},
			{
				name: 'Post',
				value: 'post',
			},
			{
				name: 'Sound',
				value: 'sound',
			},
			{
				name: 'User',
				value: 'user',
			},
			{
				name: 'Video',
				value: 'video',
			},
		],
		default: 'ad',
	},
	...ad.description,
	...adGroup.description,
	...adReport.description,
	...advertiser.description,
	...apiCall.description,
	...campaign.description,
	...leadForm.description,
	...lead.description,
	...post.description,
	...sound.description,
	...user.description,
	...video.description,
	requestOptions,
	requestsPerSecondProperty,
	// Shown only when the node is an AI agent's tool.
	allowDestructiveProperty,
];
