import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyProperty } from '../../helpers/simplify';
import { executeBatched } from '../../helpers/batch';
import { withItemIndex } from '../../helpers/items';
import type { EntityKind } from '../../helpers/entities';
import { fieldsToRequest } from '../../helpers/entities';
import { getAdvertiserId, stringifyIds } from '../../helpers/utils';
import { businessRequest, tikTokApiError } from '../../transport';
import { fieldOptionsOf, fieldsOptionsProperty } from '../entity/fields';
import { advertiserRLC } from '../common.descriptions';

/** Most advertiser IDs sent in one `/advertiser/info/` call (contract §13.1: 100, UNCONFIRMED as TikTok's maximum). */
export const ADVERTISER_INFO_BATCH_SIZE = 100;

/** Fields `/advertiser/info/` documents (BUBUBA model/advertiser/info.go; `company_name_editable` left out: it returns only itself). */
const ADVERTISER_FIELDS = [
	'address', 'advertiser_id', 'balance', 'cellphone_number', 'company', 'contacter', 'country', 'create_time',
	'currency', 'description', 'display_timezone', 'email', 'industry', 'language', 'license_no', 'license_url', 'name',
	'owner_bc_id', 'rejection_reason', 'role', 'status', 'telephone_number', 'timezone',
];

const ADVERTISER: EntityKind = {
	noun: 'advertiser',
	idLabel: 'Advertiser',
	path: '/advertiser/info/',
	idKey: 'advertiser_id',
	idsFilter: 'advertiser_ids',
	nameFilter: 'name',
	simpleFields: [
		'advertiser_id', 'name', 'status', 'currency', 'timezone', 'display_timezone', 'balance', 'company', 'country',
		'role',
	],
	fieldOptions: fieldOptionsOf(ADVERTISER_FIELDS),
};

const properties: INodeProperties[] = [
	{ ...advertiserRLC, description: 'The advertiser (ad account) to get. Many input items are fetched together, up to 100 per request.' },
	simplifyProperty,
	fieldsOptionsProperty(ADVERTISER, 'Advertiser'),
];

const displayOptions = { show: { resource: ['advertiser'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * Reads `ids` in one `/advertiser/info/` call. When TikTok refuses the call over advertisers its message names (one
 * the token cannot reach), those fail and the others are read again once, so one bad advertiser fails only its items.
 */
async function readAdvertisers(
	this: IExecuteFunctions,
	ids: string[],
	fields: string[] | undefined,
	itemIndex: number,
): Promise<Map<string, IDataObject | Error>> {
	const byId = new Map<string, IDataObject | Error>();
	let data: IDataObject;
	try {
		data = await businessRequest.call(this, {
			method: 'GET',
			path: '/advertiser/info/',
			qs: { advertiser_ids: ids, ...(fields ? { fields } : {}) },
			itemIndex,
		});
	} catch (error) {
		const message = String((error as Error)?.message ?? '');
		const named = ids.filter((id) => new RegExp(`(^|\\D)${id}(\\D|$)`).test(message));
		if (ids.length === 1 || named.length === 0 || named.length === ids.length) throw withItemIndex(this.getNode(), error, itemIndex);
		for (const id of named) byId.set(id, error as Error);
		for (const [id, result] of await readAdvertisers.call(this, ids.filter((id) => !named.includes(id)), fields, itemIndex)) {
			byId.set(id, result);
		}
		return byId;
	}
	for (const advertiser of (Array.isArray(data.list) ? data.list : []) as IDataObject[]) {
		byId.set(String(advertiser.advertiser_id), stringifyIds(advertiser));
	}
	return byId;
}

/**
 * One output item per input item: the advertiser's details (time zone, currency, balance, status…). Items are
 * batched: one `/advertiser/info/` request for up to 100 distinct advertisers.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	return await executeBatched<{ advertiserId: string; fields?: string[] }>(this, items, {
		batchSize: ADVERTISER_INFO_BATCH_SIZE,
		prepare: (i) => ({ advertiserId: getAdvertiserId.call(this, i), fields: fieldsToRequest(this, ADVERTISER, i) }),
		groupKey: (p) => (p.fields ?? []).join(','),
		id: (p) => p.advertiserId,
		send: async (p, ids, itemIndex) => await readAdvertisers.call(this, ids, p.fields, itemIndex),
		missing: (_p, id, itemIndex) =>
			tikTokApiError(node, { api: 'business', code: 40007, message: `TikTok returned no details for advertiser ${id}` }, itemIndex),
	});
}
