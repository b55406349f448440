import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { executeBatched } from '../../helpers/batch';
import { refuseIfWithheld } from '../../helpers/tool';
import { getAdvertiserId } from '../../helpers/utils';
import { assertTikTokId } from '../../helpers/validation';
import { businessRequest, tikTokApiError, tikTokCodeOf } from '../../transport';
import { advertiserRLC } from '../common.descriptions';

/** Most IDs TikTok accepts in one `/ad/status/update/` call (reference §1.7). */
export const AD_STATUS_BATCH_SIZE = 20;

export const OPERATION_STATUSES = ['ENABLE', 'DISABLE', 'DELETE'] as const;
type OperationStatus = (typeof OPERATION_STATUSES)[number];

/**
 * TikTok codes with which it may refuse a whole status batch because of one ad (deleted, missing): the batch is
 * then narrowed down so only that ad's item fails.
 */
const AD_LEVEL_CODES = new Set<number | string>([40000, 40002, 40007]);

const properties: INodeProperties[] = [
	advertiserRLC,
	{
		displayName: 'Ad ID',
		name: 'adId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 1780000000000000000',
		description: 'ID of the ad to change. Many input items are sent together, up to 20 ads per request.',
	},
	{
		displayName: 'Status',
		name: 'operationStatus',
		type: 'options',
		required: true,
		options: [
			{
				name: 'Delete',
				value: 'DELETE',
				description: 'Delete the ad. This cannot be undone: a deleted ad can never be enabled or changed again.',
			},
			{
				name: 'Disable',
				value: 'DISABLE',
				description: 'Pause the ad: it stops delivering until enabled again',
			},
			{
				name: 'Enable',
				value: 'ENABLE',
				description: 'Switch the ad on: it delivers when its ad group and campaign do',
			},
		],
		default: 'DISABLE',
		description:
			'The status to set. Deleting is irreversible: TikTok never lets a deleted ad be enabled, disabled or edited again.',
	},
];

const displayOptions = { show: { resource: ['ad'], operation: ['updateStatus'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface StatusParams {
	advertiserId: string;
	adId: string;
	status: OperationStatus;
}

function mentions(error: unknown, id: string): boolean {
	const message = String((error as Error)?.message ?? '');
	return new RegExp(`(^|\\D)${id}(\\D|$)`).test(message);
}

function isAdLevel(error: unknown): boolean {
	const code = tikTokCodeOf(error);
	return code !== undefined && AD_LEVEL_CODES.has(code);
}

/**
 * Changes the status of `ids` in one call and says, per ID, what TikTok confirmed. When TikTok refuses the whole
 * call over one ad (whether it can accept the rest, like ad groups' `allow_partial_success`, is UNCONFIRMED for ads),
 * the ads its message names fail and the others are sent again; when the message names none, the batch is halved
 * until the refused ads stand alone. Sub-batches are only re-sent after TikTok refused the call, so nothing changed.
 */
async function sendStatus(
	this: IExecuteFunctions,
	p: StatusParams,
	ids: string[],
	itemIndex: number,
): Promise<Map<string, IDataObject | Error>> {
	const results = new Map<string, IDataObject | Error>();
	const sendPart = async (part: string[]) => {
		try {
			for (const [id, result] of await sendStatus.call(this, p, part, itemIndex)) results.set(id, result);
		} catch (error) {
			for (const id of part) results.set(id, error as Error);
		}
	};

	let data: IDataObject = {};
	let refusal: Error | undefined;
	try {
		data = await businessRequest.call(this, {
			method: 'POST',
			path: '/ad/status/update/',
			body: { advertiser_id: p.advertiserId, ad_ids: ids, operation_status: p.status },
			// Setting ENABLE/DISABLE twice is harmless; DELETE is not re-sent after an unclear failure.
			idempotent: p.status !== 'DELETE',
			itemIndex,
		});
	} catch (error) {
		refusal = error as Error;
	}
	if (refusal) {
		// The transport's NodeApiError, passed on as is: it fails every item of this request.
		if (ids.length === 1 || !isAdLevel(refusal)) throw refusal;
		const named = ids.filter((id) => mentions(refusal, id));
		if (named.length > 0) {
			for (const id of named) results.set(id, refusal);
			const rest = ids.filter((id) => !named.includes(id));
			if (rest.length) await sendPart(rest);
			return results;
		}
		const half = Math.ceil(ids.length / 2);
		await sendPart(ids.slice(0, half));
		await sendPart(ids.slice(half));
		return results;
	}

	const confirmed = Array.isArray(data.ad_ids) ? new Set((data.ad_ids as unknown[]).map(String)) : undefined;
	const refused = Array.isArray(data.error_list) ? (data.error_list as IDataObject[]) : [];
	const status = String(data.status ?? p.status);
	for (const id of ids) {
		const listed = refused.find((e) => String(e.ad_id) === id);
		if (listed) {
			results.set(
				id,
				tikTokApiError(this.getNode(), {
					api: 'business',
					code: 40002,
					message: String(listed.error_message ?? `TikTok did not change the status of ad ${id}`),
				}),
			);
		} else if (!confirmed || confirmed.has(id)) {
			results.set(id, { advertiser_id: p.advertiserId, ad_id: id, status });
		}
	}
	return results;
}

/**
 * Sets `operationStatus` on the ad of every input item. Items are grouped by advertiser and status and sent 20 ads
 * per request; each output item says what TikTok confirmed (`ad_id`, `status`), paired with its input.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	return await executeBatched<StatusParams>(this, items, {
		batchSize: AD_STATUS_BATCH_SIZE,
		prepare: (i) => {
			const advertiserId = getAdvertiserId.call(this, i);
			const adId = assertTikTokId(node, this.getNodeParameter('adId', i), 'Ad ID', i);
			const raw = this.getNodeParameter('operationStatus', i);
			const status = typeof raw === 'string' ? raw.trim().toUpperCase() : '';
			if (!(OPERATION_STATUSES as readonly string[]).includes(status)) {
				throw new NodeOperationError(
					node,
					`The "Status" parameter must be ENABLE, DISABLE or DELETE, got "${String(raw ?? '').slice(0, 40)}"`,
					{ itemIndex: i },
				);
			}
			if (status === 'DELETE') refuseIfWithheld.call(this, i, 'delete an ad');
			return { advertiserId, adId, status: status as OperationStatus };
		},
		groupKey: (p) => `${p.advertiserId}:${p.status}`,
		id: (p) => p.adId,
		send: async (p, ids, itemIndex) => await sendStatus.call(this, p, ids, itemIndex),
		missing: (p, id, itemIndex) =>
			new NodeOperationError(
				node,
				`TikTok did not confirm the status change of ad ${id} in advertiser ${p.advertiserId}`,
				{ itemIndex, description: 'Check that the ad exists in this advertiser and is not deleted.' },
			),
	});
}
