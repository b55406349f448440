import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { assertOneOf, optionValues, parseIdFilter, parseJsonParameter } from '../../helpers/validation';
import { reportFilterEntry } from '../../transport';

/** The report's Filters collection. */
export const reportFiltersProperty: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: [
		{
			displayName: 'Ad Group IDs',
			name: 'adgroupIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1700000000000000001, 1700000000000000002',
			description: 'Only these ad groups (up to 100 IDs, separated by commas)',
		},
		{
			displayName: 'Ad IDs',
			name: 'adIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1780000000000000001, 1780000000000000002',
			description: 'Only these ads (up to 100 IDs, separated by commas)',
		},
		{
			displayName: 'Campaign IDs',
			name: 'campaignIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1800000000000000001, 1800000000000000002',
			description: 'Only these campaigns (up to 100 IDs, separated by commas)',
		},
		{
			displayName: 'Other Filters (JSON)',
			name: 'customFilters',
			type: 'json',
			default: '[]',
			placeholder: '[{"field_name": "country_code", "filter_type": "IN", "filter_value": ["US", "GB"]}]',
			description:
				'Any other filter TikTok documents, as a JSON array of {field_name, filter_type, filter_value}. A list in filter_value is encoded the way TikTok wants it.',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: [
				{ name: 'All (Including Deleted)', value: 'STATUS_ALL' },
				{ name: 'Deleted Only', value: 'STATUS_DELETE' },
				{ name: 'Not Deleted', value: 'STATUS_NOT_DELETE', description: "TikTok's default when this filter is not set" },
			],
			default: 'STATUS_ALL',
			description:
				'Which campaigns, ad groups or ads (per Data Level) to count. TikTok leaves deleted ones out unless you choose otherwise.',
		},
	],
};

/** The status field (`campaign_status`, `adgroup_status`, `ad_status`) of a data level; none for the advertiser level. */
function statusField(dataLevel: string | undefined): string | undefined {
	if (!dataLevel) return undefined;
	if (dataLevel.endsWith('_ADGROUP')) return 'adgroup_status';
	if (dataLevel.endsWith('_AD')) return 'ad_status';
	if (dataLevel.endsWith('_CAMPAIGN')) return 'campaign_status';
	return undefined;
}

/**
 * An item's Filters as TikTok's report `filtering` array, every value checked first: the ID filters, the status
 * filter on the data level's own status field, and the JSON entries of "Other Filters (JSON)".
 */
export function readReportFilters(
	this: IExecuteFunctions,
	itemIndex: number,
	reportType: string,
	dataLevel: string | undefined,
): IDataObject[] {
	const node = this.getNode();
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const filtering: IDataObject[] = [];
	for (const [key, fieldName, label] of [
		['campaignIds', 'campaign_ids', 'Campaign IDs'],
		['adgroupIds', 'adgroup_ids', 'Ad Group IDs'],
		['adIds', 'ad_ids', 'Ad IDs'],
	]) {
		const ids = parseIdFilter(node, filters[key], label, itemIndex);
		if (ids.length > 0) filtering.push(reportFilterEntry(fieldName, 'IN', ids));
	}
	if (filters.status) {
		const field = statusField(dataLevel);
		if (!field) {
			throw new NodeOperationError(
				node,
				'The "Status" filter works at the Campaign, Ad Group or Ad data level of Basic, Audience and Catalog reports',
				{ itemIndex, description: 'At the Advertiser level TikTok already counts deleted campaigns, ad groups and ads: remove the filter.' },
			);
		}
		const statuses = optionValues((reportFiltersProperty.options ?? []) as Array<{ name: string; options?: unknown[] }>, 'status');
		filtering.push(reportFilterEntry(field, 'IN', [assertOneOf(node, filters.status, statuses, 'Status', itemIndex)]));
	}
	if (filters.customFilters !== undefined) {
		const custom = parseJsonParameter<unknown>(node, filters.customFilters, 'Other Filters (JSON)', itemIndex);
		const list = Array.isArray(custom) ? custom : custom && typeof custom === 'object' && Object.keys(custom).length > 0 ? [custom] : [];
		for (const entry of list) {
			const filter = entry as IDataObject;
			if (typeof filter !== 'object' || filter === null || typeof filter.field_name !== 'string' || filter.field_name === '') {
				throw new NodeOperationError(node, 'Each entry of "Other Filters (JSON)" needs a "field_name", e.g. {"field_name": "country_code", "filter_type": "IN", "filter_value": ["US"]}', {
					itemIndex,
				});
			}
			const filterType = typeof filter.filter_type === 'string' && filter.filter_type !== '' ? filter.filter_type : 'IN';
			filtering.push(reportFilterEntry(filter.field_name, filterType, filter.filter_value));
		}
	}
	if (filtering.length > 0 && reportType === 'TT_SHOP') {
		throw new NodeOperationError(node, 'TikTok Shop (GMV Max) reports take no filters: remove them', { itemIndex });
	}
	return filtering;
}
