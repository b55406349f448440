import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { TaskState, TikTokFile, TikTokFunctions } from '../../transport';
import { businessAwaitTask, businessDownload, businessRequest, tikTokCodeOf } from '../../transport';
import { formOwner } from '../leadForm/library';
import { LEAD_FILE_BOUNDS, LeadFileError } from './csv';
import type { LeadRecord } from './leadFile';
import { LEAD_META_FIELDS, downloadTooLarge, readLeadFile } from './leadFile';
import type { LeadRegion } from './region';
import { regionsOf } from './region';

export type { LeadRecord } from './leadFile';

/**
 * Fetching the leads of an instant form (contract §8.3): per region, create a lead download task, wait for it (each
 * check names the form too), download its file (CSV, zipped CSV, or JSON) and read it into one record per lead.
 * Shared by `lead.getMany` and the trigger's `leadReceived`. Lead answers are personal data: no error made here ever
 * contains them, and TikTok's own error messages go through the transport, which scrubs them.
 */

const TASK_PATH = '/page/lead/task/';
const DOWNLOAD_PATH = '/page/lead/task/download/';

/** The metadata a simplified lead keeps next to its answers. */
export const SIMPLIFIED_META = [
	'lead_id',
	'create_time',
	'form_id',
	'ad_id',
	'ad_name',
	'campaign_id',
	'campaign_name',
	'advertiser_id',
	'library_id',
	'region',
];

function taskState(data: IDataObject): TaskState {
	const status = String(data.status ?? '');
	if (status === 'SUCCEED') return { state: 'done' };
	if (status === 'FAILED') return { state: 'failed', reason: 'TikTok reports the task as FAILED' };
	return { state: 'running' };
}

/** Codes TikTok answers a form it does not find in the advertiser with (contract §8.3 UNCONFIRMED 7). */
const FORM_REFUSED_CODES = new Set<number | string>([40002, 40007]);

export interface FormLeadsRequest {
	advertiserId: string;
	/** A Business Center form library: sent as `library_id` in place of `advertiser_id` (contract §8.1, §8.3). */
	libraryId?: string;
	formId: string;
	/** Which of TikTok's lead regions to read (`all`, the default: each of them). */
	region?: LeadRegion;
	itemIndex?: number;
}

/**
 * Every lead of a form TikTok has now, in the chosen regions (one task each, one after another), each lead once.
 * Every record carries its `region` (`rest_of_world`, `eu`, `us`).
 */
export async function fetchFormLeads(this: TikTokFunctions, request: FormLeadsRequest): Promise<LeadRecord[]> {
	const seen = new Set<string>();
	const out: LeadRecord[] = [];
	for (const region of regionsOf(request.region)) {
		const records = await fetchRegionLeads.call(this, request, region.header);
		for (const lead of records) {
			if (seen.has(lead.id)) continue;
			seen.add(lead.id);
			lead.json.region = region.item;
			out.push(lead);
		}
	}
	return out;
}

/** The leads of one region: one task (create, check until ready, download). */
async function fetchRegionLeads(this: TikTokFunctions, request: FormLeadsRequest, region: string | undefined): Promise<LeadRecord[]> {
	const node = this.getNode();
	const { formId, itemIndex } = request;
	const headers = region ? { 'x-lead-region': region } : undefined;
	const owner = formOwner(request);
	let task: IDataObject;
	try {
		task = await businessRequest.call(this, {
			method: 'POST',
			path: TASK_PATH,
			body: { ...owner, page_id: formId },
			headers,
			// Creating an export twice is harmless: it only costs a request.
			idempotent: true,
			itemIndex,
		});
	} catch (error) {
		throw formRefused(node, error, request);
	}
	const taskId = String(task.task_id ?? '');
	if (!/^\d+$/.test(taskId)) {
		throw new NodeOperationError(node, 'TikTok did not return a lead download task ID', { itemIndex });
	}
	if (taskState(task).state !== 'done') {
		if (taskState(task).state === 'failed') {
			throw new NodeOperationError(node, `The lead download task for form ${formId} failed: TikTok reports the task as FAILED`, { itemIndex });
		}
		// A check names the form too: one of page_id / ad_id is required on every call (bububa model/page/lead/task.go).
		await businessAwaitTask.call(
			this,
			{ method: 'POST', path: TASK_PATH, body: { ...owner, page_id: formId, task_id: taskId }, headers, idempotent: true, itemIndex },
			taskState,
			undefined,
			`lead download task for form ${formId}`,
		);
	}
	// Only the reader's own messages are shown: they say where, never what (the file holds personal data).
	const unreadable = (error: unknown) => {
		const problem = error instanceof LeadFileError ? error.message : 'its content is not in a format the node knows';
		return new NodeOperationError(node, `TikTok's lead file for form ${formId}${region ? ` (region ${region})` : ''} could not be read: ${problem}`, {
			itemIndex,
			description:
				"The node reads CSV, zipped CSV (every CSV part) and JSON lead files, in UTF-8 or Latin-1. The file's content is not shown because it holds personal data.",
		});
	};
	let file: TikTokFile;
	try {
		// Read up to the reader's download bound: a larger file is never held whole.
		file = await businessDownload.call(
			this,
			{ method: 'GET', path: DOWNLOAD_PATH, qs: { ...owner, task_id: taskId }, headers, itemIndex },
			LEAD_FILE_BOUNDS.maxDownloadBytes,
		);
	} catch (error) {
		// Past the download bound, say it as the reader does; anything else is TikTok's (or the network's) own error.
		const tooLarge = error instanceof NodeApiError && tikTokCodeOf(error) === 'too_large';
		throw tooLarge ? unreadable(new LeadFileError(downloadTooLarge())) : (error as NodeApiError);
	}
	try {
		return (await readLeadFile(file)).records;
	} catch (error) {
		throw unreadable(error);
	}
}

/** TikTok refusing the form: say which form and advertiser (or library), keep TikTok's message and code. */
function formRefused(node: INode, error: unknown, request: FormLeadsRequest): unknown {
	if (!(error instanceof NodeApiError) || !FORM_REFUSED_CODES.has(tikTokCodeOf(error) ?? '')) return error;
	const owner = request.libraryId ? `form library ${request.libraryId}` : `advertiser ${request.advertiserId}`;
	error.message = `The instant form ${request.formId} is not a form of ${owner}, or its leads cannot be downloaded with this token (${error.message})`;
	error.description =
		`Pick the form from the list of the advertiser's forms, or check its ID; a form moved to a Business Center form library needs its Form Library ID. Only admins of the ad account may download its leads. ${error.description ?? ''}`.trim();
	return error;
}

/** Keeps the fields of a simplified lead: its answers and the metadata a person reads first. */
export function simplifyLead(json: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(json)) {
		if (!LEAD_META_FIELDS.has(key) || SIMPLIFIED_META.includes(key)) out[key] = value;
	}
	return out;
}
