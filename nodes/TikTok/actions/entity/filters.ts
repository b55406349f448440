import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { BUYING_TYPE_OPTIONS } from '../../helpers/buyingTypes';
import { OBJECTIVE_OPTIONS } from '../../helpers/entities';

/** `filtering.primary_status` values (reference §1.6). TikTok's default, without the filter, is STATUS_NOT_DELETE. */
export const PRIMARY_STATUS_OPTIONS: INodePropertyOptions[] = [
	{ name: 'All (Including Deleted)', value: 'STATUS_ALL' },
	{ name: 'Deleted', value: 'STATUS_DELETE' },
	{ name: 'Delivering', value: 'STATUS_DELIVERY_OK' },
	{ name: 'Delivering (Catalog)', value: 'STATUS_DELIVERY_CATALOG' },
	{ name: 'Delivering Partially', value: 'STATUS_DELIVERY_PARTIAL' },
	{ name: 'Disabled', value: 'STATUS_DISABLE' },
	{ name: 'Frozen', value: 'STATUS_FROZEN' },
	{ name: 'Not Deleted', value: 'STATUS_NOT_DELETE' },
	{ name: 'Not Delivering', value: 'STATUS_NOT_DELIVERY' },
	{ name: 'Reach and Frequency Closed', value: 'STATUS_RF_CLOSED' },
	{ name: 'Schedule Ended', value: 'STATUS_TIME_DONE' },
];

/** The Campaign Names or IDs filter (campaign, ad group and ad searches). */
export const campaignIdsFilter: INodeProperties = {
	displayName: 'Campaign Names or IDs',
	name: 'campaignIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getCampaigns', loadOptionsDependsOn: ['advertiserId.value'] },
	default: [],
	description:
		'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	hint: "Lists the chosen advertiser's campaigns: choose the Advertiser first",
};

/** The Ad Group Names or IDs filter (ad group and ad searches), narrowed by the chosen campaigns. */
export const adGroupIdsFilter: INodeProperties = {
	displayName: 'Ad Group Names or IDs',
	name: 'adgroupIds',
	type: 'multiOptions',
	typeOptions: {
		loadOptionsMethod: 'getAdGroups',
		loadOptionsDependsOn: ['advertiserId.value', 'filters.campaignIds'],
	},
	default: [],
	description:
		'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	hint: "Lists the chosen advertiser's ad groups (of the chosen campaigns, if any): choose the Advertiser first",
};

/** The Filters collection of `campaign.getMany` and `adGroup.getMany` (read by `buildEntityFiltering`). */
export function entityFiltersProperty(kind: 'campaign' | 'adGroup'): INodeProperties {
	const noun = kind === 'campaign' ? 'campaigns' : 'ad groups';
	const options: INodeProperties[] = [
		{
			displayName: 'Buying Type',
			name: 'buyingType',
			type: 'options',
			options: BUYING_TYPE_OPTIONS,
			default: 'default',
			description: `Which ${noun} by how they are bought. TikTok leaves TopView out unless it is asked for alone; "All" asks for both.`,
		},
		campaignIdsFilter,
		{
			displayName: 'Created After',
			name: 'createdAfter',
			type: 'dateTime',
			default: '',
			description: `Only ${noun} created at or after this time (in the workflow time zone unless the value has an offset)`,
		},
		{
			displayName: 'Created Before',
			name: 'createdBefore',
			type: 'dateTime',
			default: '',
			description: `Only ${noun} created at or before this time (in the workflow time zone unless the value has an offset)`,
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			placeholder: 'e.g. Spring',
			description: `Only ${noun} whose name contains this text`,
		},
		{
			displayName: 'Objective',
			name: 'objectiveType',
			type: 'options',
			options: OBJECTIVE_OPTIONS,
			default: 'TRAFFIC',
			description: `Only ${noun} with this advertising objective (for TopView use Buying Type)`,
		},
		{
			displayName: 'Primary Status',
			name: 'primaryStatus',
			type: 'options',
			options: PRIMARY_STATUS_OPTIONS,
			default: 'STATUS_ALL',
			description: `Only ${noun} in this status. Without this filter TikTok leaves out deleted ${noun}.`,
		},
	];
	if (kind === 'adGroup') {
		options.splice(1, 0, adGroupIdsFilter);
	}
	return { displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options };
}
