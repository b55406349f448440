import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../helpers/items';
import { modelSettable } from '../../helpers/tool';
import { getAdvertiserId, getLimit } from '../../helpers/utils';
import { assertOneOf, optionValues } from '../../helpers/validation';
import { advertiserRLC, returnAllOrLimit } from '../common.descriptions';
import { REPORT_DIMENSIONS, REPORT_METRICS } from './catalog';
import { dateRangeProperties, readDateRange } from './dateRange';
import { NAME, nameList } from './names';
import { readReportFilters, reportFiltersProperty } from './filters';
import { runReport } from './report';

const DATA_LEVEL_REPORTS = ['BASIC', 'AUDIENCE', 'CATALOG'];
const LIFETIME_REPORTS = ['BASIC', 'PLAYABLE_MATERIAL'];
const TIME_DIMENSIONS = ['stat_time_day', 'stat_time_hour'];

const reportTypeProperty: INodeProperties = {
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
};

const dataLevelProperty: INodeProperties = {
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
};

const properties: INodeProperties[] = [
	advertiserRLC,
	...modelSettable(reportTypeProperty),
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
	...modelSettable(dataLevelProperty),
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
		displayOptions: { hide: { reportType: ['TT_SHOP'] } },
		default: ['spend', 'impressions', 'clicks'],
		description:
			'The numbers (and attributes such as names) each row carries. Empty means TikTok\'s default: spend and impressions. Not in the list? Add it under Options → Custom Metrics.',
	},
	{
		displayName: 'Metrics',
		name: 'metrics',
		type: 'multiOptions',
		options: REPORT_METRICS,
		displayOptions: { show: { reportType: ['TT_SHOP'] } },
		default: ['spend', 'billed_cost'],
		description:
			'The numbers each row carries. Empty, and the default, is TikTok\'s default for TikTok Shop reports: spend and billed_cost. Not in the list? Add it under Options → Custom Metrics.',
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
	...dateRangeProperties,
	reportFiltersProperty,
	...returnAllOrLimit,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Accept Truncated Report',
				name: 'acceptTruncated',
				type: 'boolean',
				default: false,
				description:
					'Whether to return the rows of a report TikTok cut at 20,000 IDs (it says so in its X-Tt-Ads-Throttle header) instead of failing. Off: the node fails and says how to narrow the report.',
			},
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

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const timeZones = new Map<string, string>();
	return await forEachItem.call(this, items, async (i) => {
		const node = this.getNode();
		const advertiserId = getAdvertiserId.call(this, i);
		// Enumerations are checked against TikTok's documented lists (the editor's options) before any request.
		const reportType = assertOneOf(node, this.getNodeParameter('reportType', i), optionValues(properties, 'reportType'), 'Report Type', i);
		const serviceType = assertOneOf(node, this.getNodeParameter('serviceType', i, 'AUCTION'), optionValues(properties, 'serviceType'), 'Service Type', i);
		const dataLevel = DATA_LEVEL_REPORTS.includes(reportType)
			? assertOneOf(node, this.getNodeParameter('dataLevel', i, 'AUCTION_CAMPAIGN'), optionValues(properties, 'dataLevel'), 'Data Level', i)
			: undefined;
		const options = this.getNodeParameter('options', i, {}) as IDataObject;

		const dimensions = nameList.call(this, this.getNodeParameter('dimensions', i, []), options.customDimensions, 'Dimensions', i, REPORT_DIMENSIONS);
		if (dimensions.length === 0) {
			throw new NodeOperationError(node, 'The "Dimensions" parameter is empty: choose at least one, e.g. campaign_id and stat_time_day', {
				itemIndex: i,
			});
		}
		const timeDimensions = dimensions.filter((d) => TIME_DIMENSIONS.includes(d));
		if (timeDimensions.length > 1) {
			throw new NodeOperationError(node, 'The "Dimensions" parameter has both stat_time_day and stat_time_hour: choose one', { itemIndex: i });
		}
		const metrics = nameList.call(this, this.getNodeParameter('metrics', i, []), options.customMetrics, 'Metrics', i, REPORT_METRICS);

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

		const filtering = readReportFilters.call(this, i, reportType, dataLevel);

		const limit = getLimit.call(this, i);

		const range = queryLifetime ? undefined : await readDateRange.call(this, i, advertiserId, timeZones);

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
			acceptTruncated: options.acceptTruncated === true,
			itemIndex: i,
		});
	});
}
