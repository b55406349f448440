import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { businessRequest, businessRequestAllItems, isEntityLevelCode, tikTokApiError, tikTokCodeOf } from '../transport';
import { executeBatched } from './batch';
import { refuseUnlessAllowed } from './tool';
import { getAdvertiserId } from './utils';
import { assertTikTokId } from './validation';

/** The operation statuses TikTok's `/ad|campaign|adgroup/status/update/` accept (contract §1.7, §13). */
export const OPERATION_STATUSES = ['ENABLE', 'DISABLE', 'DELETE'] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

/** Reads an item's `operationStatus`, refusing anything but ENABLE / DISABLE / DELETE (naming the field). */
export function readOperationStatus(node: INode, raw: unknown, itemIndex: number): OperationStatus {
	const status = typeof raw === 'string' ? raw.trim().toUpperCase() : '';
	if (!(OPERATION_STATUSES as readonly string[]).includes(status)) {
		throw new NodeOperationError(
			node,
			`The "Status" parameter must be ENABLE, DISABLE or DELETE, got "${String(raw ?? '').slice(0, 40)}"`,
			{ itemIndex },
		);
	}
	return status as OperationStatus;
}


/** What differs between ads, campaigns and ad groups in a status change. */
export interface StatusEndpoint {
	/** `/ad/status/update/`, `/campaign/status/update/`, `/adgroup/status/update/`. */
	path: string;
	/** Body key of the ID list: `ad_ids`, `campaign_ids`, `adgroup_ids`. */
	idsKey: string;
	/** Key of one entity's ID (in outputs and `error_list` entries): `ad_id`, `campaign_id`, `adgroup_id`. */
	idKey: string;
	/** Name of the entity in messages: `ad`, `campaign`, `ad group`. */
	noun: string;
	/** Extra body fields (e.g. `allow_partial_success` for ad groups). */
	extraBody?: IDataObject;
	/** The list endpoint that reads the entities back (default: `path` with `/status/update/` → `/get/`). */
	readPath?: string;
}

export interface StatusTarget {
	advertiserId: string;
	status: OperationStatus;
}

function mentions(error: unknown, id: string): boolean {
	const message = String((error as Error)?.message ?? '');
	return new RegExp(`(^|\\D)${id}(\\D|$)`).test(message);
}

/** Whether the transport said this write may have been applied (connection lost, timeout or HTTP 5xx after sending). */
function mayHaveBeenApplied(error: unknown): boolean {
	return (error as { context?: { mayHaveBeenApplied?: unknown } } | undefined)?.context?.mayHaveBeenApplied === true;
}

/**
 * Whether an entity as TikTok lists it (with `primary_status: STATUS_ALL`) shows `status`: deleted ones carry a
 * `*_STATUS_DELETE` secondary status (`AD_STATUS_DELETE`, `CAMPAIGN_STATUS_DELETE`, `ADGROUP_STATUS_DELETE`).
 */
function shows(entity: IDataObject, status: OperationStatus): boolean {
	const deleted = /_STATUS_DELETE$/.test(String(entity.secondary_status ?? '')) || String(entity.operation_status ?? '') === 'DELETE';
	if (status === 'DELETE') return deleted;
	return !deleted && String(entity.operation_status ?? '') === status;
}

/**
 * After a status change failed ambiguously (TikTok may have applied it), reads the entities back and reports each by
 * the state TikTok now shows: applied (`verifiedAfterError: true`), or not applied (an error saying it is safe to
 * send again). If the read fails too, every entity keeps the "may have been applied" error.
 */
async function readBack(
	this: IExecuteFunctions,
	endpoint: StatusEndpoint,
	target: StatusTarget,
	ids: string[],
	itemIndex: number,
	ambiguous: Error,
): Promise<Map<string, IDataObject | Error>> {
	const results = new Map<string, IDataObject | Error>();
	let entities: IDataObject[];
	try {
		entities = await businessRequestAllItems.call(this, {
			method: 'GET',
			path: endpoint.readPath ?? endpoint.path.replace(/\/status\/update\/?$/, '/get/'),
			qs: { advertiser_id: target.advertiserId, filtering: { [endpoint.idsKey]: ids, primary_status: 'STATUS_ALL' } },
			itemIndex,
		});
	} catch {
		for (const id of ids) results.set(id, ambiguous);
		return results;
	}
	const byId = new Map(entities.map((entity) => [String(entity[endpoint.idKey]), entity]));
	for (const id of ids) {
		const entity = byId.get(id);
		if (entity && shows(entity, target.status)) {
			results.set(id, { advertiser_id: target.advertiserId, [endpoint.idKey]: id, status: target.status, verifiedAfterError: true });
			continue;
		}
		const now = entity ? String(entity.secondary_status ?? entity.operation_status ?? 'unknown') : 'not found';
		results.set(
			id,
			new NodeOperationError(
				this.getNode(),
				`TikTok did not apply ${target.status} to ${endpoint.noun} ${id}: the call failed and TikTok now shows it as ${now}`,
				{
					itemIndex,
					description: `${ambiguous.message}. Reading it back shows the change was not applied, so it is safe to send it again.`,
				},
			),
		);
	}
	return results;
}

/** TikTok may refuse a whole status batch because of one entity (transport/codes.ts): the batch is then narrowed down. */
function isEntityLevel(error: unknown): boolean {
	return isEntityLevelCode(tikTokCodeOf(error));
}

/**
 * Changes the status of `ids` in one call and says, per ID, what TikTok confirmed. When TikTok refuses the whole
 * call over one entity (deleted, missing), the entities its message names fail and the others are sent again; when
 * the message names none, the batch is halved until the refused entities stand alone. Sub-batches are only re-sent
 * after TikTok refused the call, so nothing changed. Entities TikTok lists in `error_list` (ad groups'
 * `allow_partial_success`) or leaves out of the confirmed IDs fail alone, without another request.
 */
export async function sendStatusUpdate(
	this: IExecuteFunctions,
	endpoint: StatusEndpoint,
	target: StatusTarget,
	ids: string[],
	itemIndex: number,
): Promise<Map<string, IDataObject | Error>> {
	const results = new Map<string, IDataObject | Error>();
	const sendPart = async (part: string[]) => {
		try {
			for (const [id, result] of await sendStatusUpdate.call(this, endpoint, target, part, itemIndex)) {
				results.set(id, result);
			}
		} catch (error) {
			for (const id of part) results.set(id, error as Error);
		}
	};

	let data: IDataObject = {};
	let refusal: Error | undefined;
	try {
		data = await businessRequest.call(this, {
			method: 'POST',
			path: endpoint.path,
			body: {
				advertiser_id: target.advertiserId,
				[endpoint.idsKey]: ids,
				operation_status: target.status,
				...(endpoint.extraBody ?? {}),
			},
			// Setting ENABLE/DISABLE twice is harmless; DELETE is not re-sent after an unclear failure.
			idempotent: target.status !== 'DELETE',
			write: true,
			itemIndex,
		});
	} catch (error) {
		refusal = error as Error;
	}
	// The call may have been applied (answer lost, timeout, 5xx): read back what TikTok shows instead of guessing.
	if (refusal && mayHaveBeenApplied(refusal)) return await readBack.call(this, endpoint, target, ids, itemIndex, refusal);
	if (refusal) {
		// The transport's NodeApiError, passed on as is: it fails every item of this request.
		if (ids.length === 1 || !isEntityLevel(refusal)) throw refusal;
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

	const confirmedList = data[endpoint.idsKey];
	const confirmed = Array.isArray(confirmedList) ? new Set((confirmedList as unknown[]).map(String)) : undefined;
	const refused = Array.isArray(data.error_list) ? (data.error_list as IDataObject[]) : [];
	const status = String(data.status ?? target.status);
	for (const id of ids) {
		const listed = refused.find((e) => String(e[endpoint.idKey]) === id);
		if (listed) {
			results.set(
				id,
				tikTokApiError(this.getNode(), {
					api: 'business',
					code: 40002,
					message: String(listed.error_message ?? `TikTok did not change the status of ${endpoint.noun} ${id}`),
				}),
			);
		} else if (!confirmed || confirmed.has(id)) {
			results.set(id, { advertiser_id: target.advertiserId, [endpoint.idKey]: id, status });
		}
	}
	return results;
}

/** The error of an item whose entity TikTok did not confirm. */
export function unconfirmedStatusError(
	node: INode,
	noun: string,
	id: string,
	advertiserId: string,
	itemIndex: number,
): NodeOperationError {
	return new NodeOperationError(
		node,
		`TikTok did not confirm the status change of ${noun} ${id} in advertiser ${advertiserId}`,
		{ itemIndex, description: `Check that the ${noun} exists in this advertiser and is not deleted.` },
	);
}

/** What differs between the Update Status operations of ads, campaigns and ad groups, besides the endpoint. */
export interface StatusOperation {
	endpoint: StatusEndpoint;
	/** Most IDs TikTok accepts in one call. */
	batchSize: number;
	/** The node parameter holding the entity's ID (`adId`, `campaignId`, `adGroupId`). */
	idParameter: string;
	/** Its display name, for errors (`Ad ID`, `Campaign Name or ID`, `Ad Group Name or ID`). */
	idField: string;
	/** The entity with its article, in the words of the AI-tool refusals (`an ad`: "delete an ad", "enable an ad"). */
	entity: string;
}

interface StatusParams extends StatusTarget {
	id: string;
}

/**
 * Sets `operationStatus` on the entity of every input item: grouped by advertiser and status, `batchSize` per
 * request; each output item says what TikTok confirmed, paired with its input; a refused entity fails alone.
 */
export async function executeStatusUpdate(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	operation: StatusOperation,
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const { endpoint } = operation;
	return await executeBatched<StatusParams>(this, items, {
		batchSize: operation.batchSize,
		prepare: (i) => {
			const advertiserId = getAdvertiserId.call(this, i);
			const id = assertTikTokId(node, this.getNodeParameter(operation.idParameter, i, '', { extractValue: true }), operation.idField, i);
			const status = readOperationStatus(node, this.getNodeParameter('operationStatus', i), i);
			// Pausing is always allowed; enabling makes TikTok spend, deleting cannot be undone.
			if (status === 'DELETE') refuseUnlessAllowed.call(this, i, 'irreversible', `delete ${operation.entity}`);
			if (status === 'ENABLE') refuseUnlessAllowed.call(this, i, 'spend', `enable ${operation.entity}`);
			return { advertiserId, id, status };
		},
		groupKey: (p) => `${p.advertiserId}:${p.status}`,
		id: (p) => p.id,
		send: async (p, ids, itemIndex) => await sendStatusUpdate.call(this, endpoint, p, ids, itemIndex),
		missing: (p, id, itemIndex) => unconfirmedStatusError(node, endpoint.noun, id, p.advertiserId, itemIndex),
	});
}
