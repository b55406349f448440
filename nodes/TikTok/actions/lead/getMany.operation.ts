import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../helpers/items';
import { simplifyProperty, wantsSimplified } from '../../helpers/simplify';
import { getAdvertiserId, getLimit } from '../../helpers/utils';
import { parseDateTime } from '../../helpers/time';
import { assertTikTokId } from '../../helpers/validation';
import { advertiserRLC, returnAllOrLimit } from '../common.descriptions';
import { fetchFormLeads, simplifyLead } from './leads';
import type { LeadRegion } from './region';
import { leadRegionOption } from './region';
import { formLibraryOption, formRLC } from '../leadForm/descriptions';
import { readLibraryId } from '../leadForm/library';

const properties: INodeProperties[] = [
	advertiserRLC,
	formRLC,
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Ad ID',
				name: 'adId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1780000000000000001',
				description: 'Only leads collected by this ad',
			},
			{
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
				description: 'Only leads submitted at or after this time',
			},
			{
				displayName: 'Created Before',
				name: 'createdBefore',
				type: 'dateTime',
				default: '',
				description: 'Only leads submitted at or before this time',
			},
		],
	},
	simplifyProperty,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [formLibraryOption, leadRegionOption],
	},
];

const displayOptions = { show: { resource: ['lead'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * The leads an instant form collected: one TikTok lead download task (create, wait, download the CSV / zip / JSON
 * file), read into one item per lead (TikTok's metadata and one field per question), filtered by ad and creation
 * time, newest first. TikTok's task has no date or ad filter of its own (contract §8.3), so filters apply here.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const timezone = this.getTimezone();
	return await forEachItem.call(this, items, async (i) => {
		const advertiserId = getAdvertiserId.call(this, i);
		const formId = assertTikTokId(node, this.getNodeParameter('formId', i, '', { extractValue: true }), 'Instant Form', i);
		const limit = getLimit.call(this, i);
		const simplify = wantsSimplified.call(this, i);
		const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const adId =
			filters.adId === undefined || String(filters.adId).trim() === ''
				? undefined
				: assertTikTokId(node, filters.adId, 'Ad ID', i);
		const after = parseDateTime(node, filters.createdAfter, 'Created After', timezone, i);
		const before = parseDateTime(node, filters.createdBefore, 'Created Before', timezone, i);
		if (after && before && before < after) {
			throw new NodeOperationError(node, 'The "Created Before" filter is earlier than "Created After": the date range ends before it starts', {
				itemIndex: i,
				description: `Created After is ${after.toUTC().toISO()}, Created Before is ${before.toUTC().toISO()} (UTC).`,
			});
		}
		const from = after ? Math.ceil(after.toSeconds()) : undefined;
		const to = before ? Math.floor(before.toSeconds()) : undefined;

		const libraryId = readLibraryId(node, options.libraryId, i);
		const leads = await fetchFormLeads.call(this, {
			advertiserId,
			libraryId,
			formId,
			region: options.region as LeadRegion | undefined,
			itemIndex: i,
		});
		const chosen = leads
			.filter((lead) => adId === undefined || lead.json.ad_id === adId)
			.filter((lead) => from === undefined || (lead.time !== undefined && lead.time >= from))
			.filter((lead) => to === undefined || (lead.time !== undefined && lead.time <= to))
			.sort((a, b) => (b.time ?? 0) - (a.time ?? 0) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
		const page = limit === undefined ? chosen : chosen.slice(0, limit);
		return page.map((lead) => {
			const json: IDataObject = { ...lead.json, advertiser_id: advertiserId };
			if (libraryId) json.library_id = libraryId;
			return simplify ? simplifyLead(json) : json;
		});
	});
}
