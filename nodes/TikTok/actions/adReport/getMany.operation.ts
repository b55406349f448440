import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../helpers/items';
import { getAdvertiserId, getLimit } from '../../helpers/utils';
import { parseJsonParameter, parseTikTokIdList } from '../../helpers/validation';
import { advertiserRLC, returnAllOrLimit } from '../common.descriptions';
import { REPORT_DIMENSIONS, REPORT_METRICS } from './catalog';
import type { DateRangePreset, DateWindow } from './helpers';
import { DATE_RANGES, advertiserTimeZone, parseReportDate, resolvePreset, runReport } from './helpers';

const DATA_LEVEL_REPORTS = ['BASIC', 'AUDIENCE', 'CATALOG'];
const LIFETIME_REPORTS = ['BASIC', 'PLAYABLE_MATERIAL'];
const TIME_DIMENSIONS = ['stat_time_day', 'stat_time_hour'];

const properties: INodeProperties[] = [
	advertiserRLC,
	{
		displayName: 'Report Type',
		name: 'reportType',
		type: 'options',
		options: [
			{ name: 'Audience', value: 'AUDIENCE', description: 'Performance broken down by audience: age, gender, country, OS, language, placement…' },
			{ name: 'Basic', value: 'BASIC', description: 'Performance of campaigns, ad groups, ads or the whole account' },
			{ name: 'Catalog (DSA)', value: 'CATALOG', description: 'Dynamic showcase ads by catalog, product set, product or SKU' },
			{ name: 'Playable Material', value: 'PLAYABLE_MATERIAL', description: 'Performance of playable ads' },
			{ name: 'TikTok Shop (GMV Max)', value: 'TT_SHOP', description: 'GMV Max campaigns for TikTok Shop' },
		],
		default: 'BASIC',
		description: "Which of TikTok's integrated reports to run (report_type)",
	},
	{
		displayName: 'Service Type',
		name: 'serviceType',
		type: 'options',
		options: [
			{ name: 'Auction', value: 'AUCTION', description: 'Auction ads (and, at the advertiser level, reservation ads too)' },
			{ name: 'Reservation (Deprecated)', value: 'RESERVATION', description: 'Reservation ads; TikTok deprecated this service type' },
		],
		default: 'AUCTION',
		description: 'Ad service type (service_type)',
	},
	{
		displayName: 'Data Level',
		name: 'dataLevel',
		type: 'options',
		displayOptions: { show: { reportType: DATA_LEVEL_REPORTS } },
		options: [
			{ name: 'Ad', value: 'AUCTION_AD', description: 'Data of ads; use with ad_id, adgroup_id, campaign_id or advertiser_id' },
			{ name: 'Ad Group', value: 'AUCTION_ADGROUP', description: 'Data of ad groups; use with adgroup_id, campaign_id or advertiser_id' },
			{ name: 'Advertiser', value: 'AUCTION_ADVERTISER', description: 'Data of the whole ad account (auction and reservation ads)' },
			{ name: 'Campaign', value: 'AUCTION_CAMPAIGN', description: 'Data of campaigns; use with campaign_id or advertiser_id' },
			{ name: 'Reservation Ad (Deprecated)', value: 'RESERVATION_AD', description: 'Reservation ads, ad level' },
			{ name: 'Reservation Ad Group (Deprecated)', value: 'RESERVATION_ADGROUP', description: 'Reservation ads, ad group level' },
			{ name: 'Reservation Advertiser (Deprecated)', value: 'RESERVATION_ADVERTISER', description: 'Reservation ads, advertiser level' },
			{ name: 'Reservation Campaign (Deprecated)', value: 'RESERVATION_CAMPAIGN', description: 'Reservation ads, campaign level' },
		],
		default: 'AUCTION_CAMPAIGN',
		description: 'The level the numbers are counted at (data_level)',
	},
	{
		displayName: 'Dimensions',
		name: 'dimensions',
		type: 'multiOptions',
		required: true,
		options: REPORT_DIMENSIONS,
		default: ['campaign_id', 'stat_time_day'],
		description:
			'How to group the rows, e.g. one row per campaign per day. Combine at most one ID dimension with Day or Hour. Not in the list? Add it under Options → Custom Dimensions.',
	},
	{
		displayName: 'Metrics',
		name: 'metrics',
		type: 'multiOptions',
		options: REPORT_METRICS,
		default: ['spend', 'impressions', 'clicks'],
		description:
			'The numbers (and attributes such as names) each row carries. Empty means TikTok\'s default: spend and impressions. Not in the list? Add it under Options → Custom Metrics.',
	},
	{
		displayName: 'Lifetime',
		name: 'queryLifetime',
		type: 'boolean',
		displayOptions: { show: { reportType: LIFETIME_REPORTS } },
		default: false,
		description:
			'Whether to get lifetime numbers (query_lifetime) instead of a date range. Lifetime reports cannot be broken down by day, hour, audience or country.',
	},
	{
		displayName: 'Date Range',
		name: 'dateRange',
		type: 'options',
		displayOptions: { hide: { queryLifetime: [true] } },
		options: [
			{ name: 'Custom', value: 'custom', description: 'From a start date to an end date, both included' },
			{ name: 'Last 14 Days', value: 'last14Days', description: 'The 14 full days before today' },
			{ name: 'Last 30 Days', value: 'last30Days', description: 'The 30 full days before today' },
			{ name: 'Last 7 Days', value: 'last7Days', description: 'The 7 full days before today' },
			{ name: 'Last 90 Days', value: 'last90Days', description: 'The 90 full days before today' },
			{ name: 'Last Month', value: 'lastMonth', description: 'The whole previous calendar month' },
			{ name: 'This Month', value: 'thisMonth', description: 'From the 1st of this month to today' },
			{ name: 'Today', value: 'today' },
			{ name: 'Yesterday', value: 'yesterday' },
		],
		default: 'last7Days',
		description:
			"The days to report on, in the advertiser's time zone (read from TikTok). Ranges longer than TikTok allows in one request are split and merged for you.",
	},
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		required: true,
		displayOptions: { show: { dateRange: ['custom'] }, hide: { queryLifetime: [true] } },
		default: '',
		description: "First day of the report (included), a day in the advertiser's time zone",
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'dateTime',
		required: true,
		displayOptions: { show: { dateRange: ['custom'] }, hide: { queryLifetime: [true] } },
		default: '',
		description: "Last day of the report (included), a day in the advertiser's time zone",
	},
	{
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
	},
	...returnAllOrLimit,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Custom Dimensions',
				name: 'customDimensions',
				type: 'string',
				default: '',
				placeholder: 'e.g. ad_id_v2',
				description: 'More dimension names TikTok documents, separated by commas (added to Dimensions)',
			},
			{
				displayName: 'Custom Metrics',
				name: 'customMetrics',
				type: 'string',
				default: '',
				placeholder: 'e.g. onsite_total_purchase, total_purchase_value',
				description: 'More metric names TikTok documents, separated by commas (added to Metrics)',
			},
			{
				displayName: 'Include Raw Row',
				name: 'keepRawRow',
				type: 'boolean',
				default: false,
				description: "Whether to add TikTok's original nested row (dimensions and metrics as sent) to each item under \"raw\"",
			},
			{
				displayName: 'Include Totals',
				name: 'enableTotalMetrics',
				type: 'boolean',
				default: false,
				description:
					'Whether to add an item with the totals of every metric (is_total: true), one per date window TikTok was asked for. Basic reports with one ID dimension and/or Day only.',
			},
			{
				displayName: 'Order By Metric',
				name: 'orderField',
				type: 'string',
				default: '',
				placeholder: 'e.g. spend',
				description: 'Sort the rows by this metric (order_field); attributes such as names cannot be used',
			},
			{
				displayName: 'Order Direction',
				name: 'orderType',
				type: 'options',
				options: [
					{ name: 'Ascending', value: 'ASC' },
					{ name: 'Descending', value: 'DESC' },
				],
				default: 'DESC',
				description: 'Sort direction for "Order By Metric" (order_type)',
			},
		],
	},
];

const displayOptions = { show: { resource: ['adReport'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const NAME = /^[a-z][a-z0-9_]*$/;

/** A list of TikTok field names from a multi-select (or an expression giving an array or text) plus a text field. */
function nameList(this: IExecuteFunctions, selected: unknown, extra: unknown, field: string, itemIndex: number): string[] {
	const parts = [
		...(Array.isArray(selected) ? selected : typeof selected === 'string' ? selected.split(/[\s,]+/) : []),
		...String(extra ?? '').split(/[\s,]+/),
	]
		.map((v) => String(v).trim())
		.filter((v) => v !== '');
	for (const name of parts) {
		if (!NAME.test(name)) {
			throw new NodeOperationError(this.getNode(), `The "${field}" parameter has an invalid name "${name.slice(0, 40)}": use TikTok's names, e.g. spend or stat_time_day`, {
				itemIndex,
			});
		}
	}
	return [...new Set(parts)];
}

/** `filtering` entry: TikTok wants `filter_value` as JSON text even inside the JSON-encoded `filtering` array. */
function filterEntry(fieldName: string, values: string[]): IDataObject {
	return { field_name: fieldName, filter_type: 'IN', filter_value: JSON.stringify(values) };
}

function statusField(dataLevel: string | undefined): string | undefined {
	if (!dataLevel) return undefined;
	if (dataLevel.endsWith('_ADGROUP')) return 'adgroup_status';
	if (dataLevel.endsWith('_AD')) return 'ad_status';
	if (dataLevel.endsWith('_CAMPAIGN')) return 'campaign_status';
	return undefined;
}

function readFilters(this: IExecuteFunctions, itemIndex: number, reportType: string, dataLevel: string | undefined): IDataObject[] {
	const node = this.getNode();
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const filtering: IDataObject[] = [];
	for (const [key, fieldName, label] of [
		['campaignIds', 'campaign_ids', 'Campaign IDs'],
		['adgroupIds', 'adgroup_ids', 'Ad Group IDs'],
		['adIds', 'ad_ids', 'Ad IDs'],
	]) {
		if (filters[key] === undefined || filters[key] === '') continue;
		const ids = parseTikTokIdList(node, filters[key], label, itemIndex);
		if (ids.length === 0) continue;
		if (ids.length > 100) {
			throw new NodeOperationError(node, `The "${label}" filter has ${ids.length} IDs: TikTok takes at most 100`, { itemIndex });
		}
		filtering.push(filterEntry(fieldName, [...new Set(ids)]));
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
		filtering.push(filterEntry(field, [String(filters.status)]));
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
			const value = filter.filter_value;
			filtering.push({
				field_name: filter.field_name,
				filter_type: typeof filter.filter_type === 'string' && filter.filter_type !== '' ? filter.filter_type : 'IN',
				filter_value: typeof value === 'string' ? value : JSON.stringify(Array.isArray(value) ? value.map(String) : value),
			});
		}
	}
	if (filtering.length > 0 && reportType === 'TT_SHOP') {
		throw new NodeOperationError(node, 'TikTok Shop (GMV Max) reports take no filters: remove them', { itemIndex });
	}
	return filtering;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const timeZones = new Map<string, string>();
	return await forEachItem.call(this, items, async (i) => {
		const node = this.getNode();
		const advertiserId = getAdvertiserId.call(this, i);
		const reportType = this.getNodeParameter('reportType', i) as string;
		const serviceType = this.getNodeParameter('serviceType', i, 'AUCTION') as string;
		const dataLevel = DATA_LEVEL_REPORTS.includes(reportType)
			? (this.getNodeParameter('dataLevel', i, 'AUCTION_CAMPAIGN') as string)
			: undefined;
		const options = this.getNodeParameter('options', i, {}) as IDataObject;

		const dimensions = nameList.call(this, this.getNodeParameter('dimensions', i, []), options.customDimensions, 'Dimensions', i);
		if (dimensions.length === 0) {
			throw new NodeOperationError(node, 'The "Dimensions" parameter is empty: choose at least one, e.g. campaign_id and stat_time_day', {
				itemIndex: i,
			});
		}
		const timeDimensions = dimensions.filter((d) => TIME_DIMENSIONS.includes(d));
		if (timeDimensions.length > 1) {
			throw new NodeOperationError(node, 'The "Dimensions" parameter has both stat_time_day and stat_time_hour: choose one', { itemIndex: i });
		}
		const metrics = nameList.call(this, this.getNodeParameter('metrics', i, []), options.customMetrics, 'Metrics', i);

		const queryLifetime = this.getNodeParameter('queryLifetime', i, false) as boolean;
		if (queryLifetime && !LIFETIME_REPORTS.includes(reportType)) {
			throw new NodeOperationError(node, 'Lifetime is only available for Basic and Playable Material reports: turn "Lifetime" off', { itemIndex: i });
		}
		if (queryLifetime && timeDimensions.length > 0) {
			throw new NodeOperationError(
				node,
				`Lifetime reports cannot be broken down by time: remove ${timeDimensions[0]} from "Dimensions", or turn "Lifetime" off`,
				{ itemIndex: i },
			);
		}

		const orderField = String(options.orderField ?? '').trim();
		if (orderField !== '' && !NAME.test(orderField)) {
			throw new NodeOperationError(node, `The "Order By Metric" option must be a metric name such as spend, got "${orderField.slice(0, 40)}"`, {
				itemIndex: i,
			});
		}
		const orderType = options.orderType === 'ASC' ? 'ASC' : 'DESC';
		const enableTotalMetrics = options.enableTotalMetrics === true;

		const filtering = readFilters.call(this, i, reportType, dataLevel);

		const limit = getLimit.call(this, i);

		let range: DateWindow | undefined;
		if (!queryLifetime) {
			const dateRange = this.getNodeParameter('dateRange', i, 'last7Days') as DateRangePreset;
			if (!DATE_RANGES.includes(dateRange)) {
				throw new NodeOperationError(node, `The "Date Range" parameter has an unknown value "${String(dateRange)}"`, { itemIndex: i });
			}
			if (dateRange === 'custom') {
				const start = parseReportDate(node, this.getNodeParameter('startDate', i, ''), 'Start Date', i);
				const end = parseReportDate(node, this.getNodeParameter('endDate', i, ''), 'End Date', i);
				if (end < start) {
					throw new NodeOperationError(node, `The "End Date" (${end}) is before the "Start Date" (${start})`, { itemIndex: i });
				}
				range = { start, end };
			}
			if (!range) {
				const zone = await advertiserTimeZone.call(this, advertiserId, i, timeZones);
				range = resolvePreset(dateRange as Exclude<DateRangePreset, 'custom'>, zone);
			}
		}

		const qs: IDataObject = {
			service_type: serviceType,
			report_type: reportType,
			dimensions,
		};
		if (dataLevel) qs.data_level = dataLevel;
		if (metrics.length > 0) qs.metrics = metrics;
		if (filtering.length > 0) qs.filtering = filtering;
		if (orderField) {
			qs.order_field = orderField;
			qs.order_type = orderType;
		}
		if (enableTotalMetrics) qs.enable_total_metrics = true;

		return await runReport.call(this, {
			advertiserId,
			qs,
			dimensions,
			range,
			limit,
			orderField: orderField || undefined,
			orderType,
			enableTotalMetrics,
			keepRawRow: options.keepRawRow === true,
			itemIndex: i,
		});
	});
}
