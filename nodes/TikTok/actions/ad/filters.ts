import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ALL_BUYING_TYPES, BUYING_TYPE_OPTIONS, buyingTypeChoice } from '../../helpers/buyingTypes';
import { addCreatedRange, addParentIdFilters } from '../../helpers/entities';
import { parseIdFilter } from '../../helpers/validation';
import { PRIMARY_STATUS_OPTIONS, adGroupIdsFilter, campaignIdsFilter } from '../entity/filters';

/** The ad search's Filters collection. */
export const adFiltersProperty: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: [
		adGroupIdsFilter,
		{
			displayName: 'Ad IDs',
			name: 'adIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1780000000000000001, 1780000000000000002',
			description: 'Only these ads: up to 100 IDs, separated by commas (or an array from an expression)',
		},
		{
			displayName: 'Ad Name',
			name: 'adName',
			type: 'string',
			default: '',
			placeholder: 'e.g. Spring',
			description: 'Only ads whose name matches this text',
		},
		{
			displayName: 'Buying Type',
			name: 'buyingType',
			type: 'options',
			options: BUYING_TYPE_OPTIONS,
			default: ALL_BUYING_TYPES,
			description:
				'Which ads by how they are bought. Without this filter: all, TopView included (TikTok lists TopView ads only when asked for alone, so that costs one more request).',
		},
		campaignIdsFilter,
		{
			displayName: 'Created After',
			name: 'createdAfter',
			type: 'dateTime',
			default: '',
			description:
				'Only ads created at or after this time (in the workflow time zone unless the value has an offset). Sent to TikTok in UTC.',
		},
		{
			displayName: 'Created Before',
			name: 'createdBefore',
			type: 'dateTime',
			default: '',
			description:
				'Only ads created at or before this time (in the workflow time zone unless the value has an offset). Sent to TikTok in UTC.',
		},
		{
			displayName: 'Primary Status',
			name: 'primaryStatus',
			type: 'options',
			options: PRIMARY_STATUS_OPTIONS,
			default: 'STATUS_ALL',
			description:
				'Only ads in this status. Without this filter TikTok leaves out deleted ads; choose "All (Including Deleted)" to get them too.',
		},
	],
};

const PRIMARY_STATUSES = PRIMARY_STATUS_OPTIONS.map((o) => String(o.value));

/** Turns the Filters collection into TikTok's `filtering` object, checking every value first. */
export function buildAdFiltering(
	node: INode,
	filters: IDataObject,
	timezone: string,
	itemIndex: number,
): IDataObject {
	const filtering: IDataObject = {};
	addParentIdFilters(node, filtering, filters, itemIndex, 'adgroup_ids');
	const adIds = parseIdFilter(node, filters.adIds, 'Ad IDs', itemIndex);
	if (adIds.length) filtering.ad_ids = adIds;

	if (filters.adName !== undefined && String(filters.adName).trim() !== '') {
		filtering.ad_name = String(filters.adName).trim();
	}
	if (filters.primaryStatus !== undefined && filters.primaryStatus !== '') {
		const status = String(filters.primaryStatus).trim().toUpperCase();
		if (!PRIMARY_STATUSES.includes(status)) {
			throw new NodeOperationError(
				node,
				`The "Primary Status" filter must be one of ${PRIMARY_STATUSES.join(', ')}, got "${String(filters.primaryStatus).slice(0, 40)}"`,
				{ itemIndex },
			);
		}
		filtering.primary_status = status;
	}

	addCreatedRange(node, filtering, filters, timezone, itemIndex);
	return filtering;
}

/** The ad search's Buying Type: all (TopView included) unless the filter says otherwise. */
export function adBuyingType(node: INode, filters: IDataObject, itemIndex: number): string {
	return buyingTypeChoice(node, filters.buyingType, ALL_BUYING_TYPES, itemIndex);
}
