import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { tikTokApiError } from '../transport';
import { executeBatched } from './batch';
import { buyingTypeChoice, getByIdsAllBuyingTypes, listByBuyingType } from './buyingTypes';
import { forEachItem } from './items';
import { wantsSimplified } from './simplify';
import { parseDateTime, toTikTokTime } from './time';
import { getAdvertiserId, getLimit, stringifyIds } from './utils';
import { assertOneOf, assertTikTokId, parseIdFilter } from './validation';

/**
 * What differs between reading campaigns and ad groups (contract §1.8, §13): the endpoint, the ID and name keys, the
 * fields a simplified item keeps. Both are read the same way, and both leave TopView out unless asked for.
 */
export interface EntityKind {
	/** `campaign`, `ad group` (messages). */
	noun: string;
	/** The parameter label of one ID (`Campaign ID`). */
	idLabel: string;
	path: string;
	idKey: string;
	/** `filtering` key of an ID list. */
	idsFilter: string;
	nameFilter: string;
	/** Fields requested when Simplify is on. */
	simpleFields: string[];
	/** Fields TikTok documents for `fields` (the Fields option). */
	fieldOptions: INodePropertyOptions[];
}

/** Current objectives TikTok accepts, plus the deprecated ones reads still return (contract §13.2). */
export const OBJECTIVE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'App Install (Deprecated)', value: 'APP_INSTALL' },
	{ name: 'App Promotion', value: 'APP_PROMOTION' },
	{ name: 'Brand Consideration', value: 'BRAND_CONSIDERATION' },
	{ name: 'Catalog Sales (Deprecated)', value: 'CATALOG_SALES' },
	{ name: 'Conversions (Deprecated)', value: 'CONVERSIONS' },
	{ name: 'Engagement', value: 'ENGAGEMENT' },
	{ name: 'Lead Generation', value: 'LEAD_GENERATION' },
	{ name: 'Product Sales', value: 'PRODUCT_SALES' },
	{ name: 'Reach', value: 'REACH' },
	{ name: 'Reach & Frequency', value: 'RF_REACH' },
	{ name: 'Shop Purchases (Deprecated)', value: 'SHOP_PURCHASES' },
	{ name: 'Traffic', value: 'TRAFFIC' },
	{ name: 'Video Views', value: 'VIDEO_VIEWS' },
	{ name: 'Website Conversions', value: 'WEB_CONVERSIONS' },
];

/** Objectives `/campaign/create/` takes (TopView and the deprecated ones cannot be created). */
export const CREATE_OBJECTIVES = [
	'APP_PROMOTION', 'ENGAGEMENT', 'LEAD_GENERATION', 'PRODUCT_SALES', 'REACH', 'RF_REACH', 'TRAFFIC', 'VIDEO_VIEWS',
	'WEB_CONVERSIONS',
];

/** The Fields option (names TikTok documents, or any snake_case name from an expression), with the ID first. */
export function parseFieldNames(node: INode, value: unknown, idKey: string, itemIndex: number): string[] | undefined {
	const list = Array.isArray(value)
		? value.map((v) => String(v).trim())
		: String(value ?? '')
				.split(/[\s,]+/)
				.filter((s) => s !== '');
	if (list.length === 0) return undefined;
	for (const field of list) {
		if (!/^[a-z][a-z0-9_]*$/.test(field)) {
			throw new NodeOperationError(node, `The "Fields" option holds "${field.slice(0, 40)}", which is not a TikTok field name`, {
				itemIndex,
			});
		}
	}
	return [...new Set([idKey, ...list])];
}

/** The `fields` to ask for: the Fields option when set, else the simplified list when Simplify is on, else all. */
export function fieldsToRequest(
	context: IExecuteFunctions,
	kind: EntityKind,
	itemIndex: number,
): string[] | undefined {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const chosen = parseFieldNames(context.getNode(), options.fields, kind.idKey, itemIndex);
	if (chosen) return chosen;
	return wantsSimplified.call(context, itemIndex) ? kind.simpleFields : undefined;
}

/**
 * Reads `ids` of one advertiser (deleted ones too) in one request, then once more among TopView objects for those
 * TikTok's default buying types left out (`getByIdsAllBuyingTypes`). `kind.idsFilter` is `kind.idKey` + "s".
 */
export async function fetchEntitiesByIds(
	this: IExecuteFunctions,
	kind: EntityKind,
	advertiserId: string,
	ids: string[],
	fields: string[] | undefined,
	itemIndex: number,
): Promise<Map<string, IDataObject>> {
	const request = {
		method: 'GET' as const,
		path: kind.path,
		qs: { advertiser_id: advertiserId, filtering: { [kind.idsFilter]: ids, primary_status: 'STATUS_ALL' }, ...(fields ? { fields } : {}) },
		itemIndex,
	};
	const list = await getByIdsAllBuyingTypes.call(this, request, kind.idKey);
	const byId = new Map<string, IDataObject>();
	for (const entity of list) byId.set(String(entity[kind.idKey]), stringifyIds(entity));
	return byId;
}

/** `campaign.get` / `adGroup.get`: batched 100 IDs per request per advertiser, one output per input. */
export async function executeGetByIds(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	kind: EntityKind,
	idParameter: string,
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	return await executeBatched<{ advertiserId: string; id: string; fields?: string[] }>(this, items, {
		batchSize: 100,
		prepare: (i) => ({
			advertiserId: getAdvertiserId.call(this, i),
			id: assertTikTokId(node, this.getNodeParameter(idParameter, i, '', { extractValue: true }), kind.idLabel, i),
			fields: fieldsToRequest(this, kind, i),
		}),
		groupKey: (p) => `${p.advertiserId}:${(p.fields ?? []).join(',')}`,
		id: (p) => p.id,
		send: async (p, ids, itemIndex) =>
			await fetchEntitiesByIds.call(this, kind, p.advertiserId, ids, p.fields, itemIndex),
		missing: (p, id, itemIndex) =>
			tikTokApiError(
				node,
				{ api: 'business', code: 40007, message: `${capitalize(kind.noun)} ${id} was not found in advertiser ${p.advertiserId}` },
				itemIndex,
			),
	});
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The Campaigns and Ad Groups filters (campaign, ad group and ad searches) into TikTok's `filtering`: campaign IDs as
 * `campaign_ids`, ad group IDs under `adGroupKey` (none in a campaign search).
 */
export function addParentIdFilters(
	node: INode,
	filtering: IDataObject,
	filters: IDataObject,
	itemIndex: number,
	adGroupKey?: string,
): void {
	const campaignIds = parseIdFilter(node, filters.campaignIds, 'Campaign Names or IDs', itemIndex);
	if (campaignIds.length) filtering.campaign_ids = campaignIds;
	if (adGroupKey === undefined) return;
	const adGroupIds = parseIdFilter(node, filters.adgroupIds, 'Ad Group Names or IDs', itemIndex);
	if (adGroupIds.length) filtering[adGroupKey] = adGroupIds;
}

/** Turns a campaign / ad group search's Filters collection into TikTok's `filtering`, checking every value first. */
export function buildEntityFiltering(
	node: INode,
	kind: EntityKind,
	filters: IDataObject,
	timezone: string,
	itemIndex: number,
): IDataObject {
	const filtering: IDataObject = {};
	addParentIdFilters(node, filtering, filters, itemIndex, kind.idsFilter === 'campaign_ids' ? undefined : kind.idsFilter);
	const name = filters.name;
	if (name !== undefined && String(name).trim() !== '') filtering[kind.nameFilter] = String(name).trim();
	if (filters.objectiveType !== undefined && filters.objectiveType !== '') {
		filtering.objective_type = assertOneOf(
			node,
			filters.objectiveType,
			OBJECTIVE_OPTIONS.map((o) => String(o.value)),
			'Objective',
			itemIndex,
		);
	}
	if (filters.primaryStatus !== undefined && filters.primaryStatus !== '') {
		filtering.primary_status = assertOneOf(node, filters.primaryStatus, PRIMARY_STATUSES, 'Primary Status', itemIndex);
	}
	addCreatedRange(node, filtering, filters, timezone, itemIndex);
	return filtering;
}

/**
 * Adds the Created After / Created Before filters (campaigns, ad groups, ads) to TikTok's `filtering` as
 * `creation_filter_start_time` / `creation_filter_end_time`, refusing a range that ends before it starts.
 */
export function addCreatedRange(
	node: INode,
	filtering: IDataObject,
	filters: IDataObject,
	timezone: string,
	itemIndex: number,
): void {
	const after = parseDateTime(node, filters.createdAfter, 'Created After', timezone, itemIndex);
	const before = parseDateTime(node, filters.createdBefore, 'Created Before', timezone, itemIndex);
	if (after && before && before < after) {
		throw new NodeOperationError(
			node,
			`The "Created Before" filter (${before.toISO()}) is earlier than "Created After" (${after.toISO()}): the range ends before it starts`,
			{ itemIndex },
		);
	}
	if (after) filtering.creation_filter_start_time = toTikTokTime(after);
	if (before) filtering.creation_filter_end_time = toTikTokTime(before);
}

/** `primary_status` values (contract §1.6). */
export const PRIMARY_STATUSES = [
	'STATUS_ALL', 'STATUS_DELETE', 'STATUS_DELIVERY_OK', 'STATUS_DISABLE', 'STATUS_FROZEN', 'STATUS_NOT_DELETE',
	'STATUS_NOT_DELIVERY', 'STATUS_TIME_DONE', 'STATUS_RF_CLOSED', 'STATUS_DELIVERY_PARTIAL', 'STATUS_DELIVERY_CATALOG',
];

/** `campaign.getMany` / `adGroup.getMany`: TikTok's filters, fields, `page_size` 1000, stopping at the limit. */
export async function executeGetMany(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	kind: EntityKind,
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const timezone = this.getTimezone();
	return await forEachItem.call(this, items, async (i) => {
		const advertiserId = getAdvertiserId.call(this, i);
		const limit = getLimit.call(this, i);
		const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
		const filtering = buildEntityFiltering(node, kind, filters, timezone, i);
		const fields = fieldsToRequest(this, kind, i);
		const qs: IDataObject = { advertiser_id: advertiserId };
		if (Object.keys(filtering).length) qs.filtering = filtering;
		if (fields) qs.fields = fields;
		// Each entity once even when some are created or deleted while the pages are read (an ID key).
		const choice = buyingTypeChoice(node, filters.buyingType, 'default', i);
		const request = { method: 'GET' as const, path: kind.path, qs, limit, idKey: kind.idKey, itemIndex: i };
		const list = await listByBuyingType.call(this, request, choice);
		return list.map((entity) => stringifyIds(entity));
	});
}
