import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { LeadRecord } from '../actions/lead/leads';
import { fetchFormLeads } from '../actions/lead/leads';
import { readLibraryId } from '../actions/leadForm/library';
import type { LeadRegion } from '../actions/lead/region';
import { assertTikTokId, parseTikTokIdList } from '../helpers/validation';
import { compareEntries, nowSeconds } from './cursor';
import type { StreamEntry, StreamRead } from './runner';
import { forStream, runCursorPoll } from './runner';

/**
 * The `leadReceived` event: each new lead of the chosen instant forms, once. TikTok offers no "leads since" query to
 * apps, only a download of all of a form's leads (contract §8.3), so each poll downloads each form's leads (in every
 * chosen region) and the trigger's one runner (`runner.ts`, the ad events' rules) picks what is new: per form, the
 * newest lead time emitted and the lead IDs seen in an overlap window behind it. Leads sharing a second, or listed
 * late, come once. A lead whose time cannot be read, or lies more than the tolerance ahead of the clock, is emitted
 * once by its ID (`time_unplaced` in the item) and reported, without moving the cursor: it never holds back others.
 */

/** How far behind the cursor a poll looks again for leads TikTok lists late (seconds). */
export const LEAD_OVERLAP_SECONDS = 3600;
/** A lead stamped further ahead of the clock than this (seconds) is not placed against the cursor. */
export const LEAD_FUTURE_TOLERANCE_SECONDS = 300;

interface LeadTriggerParameters {
	advertiserId: string;
	libraryId?: string;
	formIds: string[];
	region?: LeadRegion;
}

function leadTriggerParameters(this: IPollFunctions): LeadTriggerParameters {
	const node = this.getNode();
	const advertiserId = assertTikTokId(node, this.getNodeParameter('advertiserId', '', { extractValue: true }), 'Advertiser');
	const formIds = [...new Set(parseTikTokIdList(node, this.getNodeParameter('pageIds', []), 'Instant Forms'))];
	if (formIds.length === 0) {
		throw new NodeOperationError(node, 'The "Instant Forms" parameter is empty: choose at least one form to watch', {
			description: 'Pick forms from the list, or map their IDs with an expression (an array, or IDs separated by commas).',
		});
	}
	const options = (this.getNodeParameter('leadOptions', {}) ?? {}) as IDataObject;
	const libraryId = readLibraryId(node, options.libraryId);
	return { advertiserId, libraryId, formIds, region: options.region as LeadRegion | undefined };
}

function itemOf(lead: LeadRecord, formId: string, params: LeadTriggerParameters): IDataObject {
	const json: IDataObject = { ...lead.json, form_id: lead.json.form_id ?? formId, advertiser_id: params.advertiserId };
	if (params.libraryId) json.library_id = params.libraryId;
	return json;
}

/** A form's leads, split into those placed against the cursor and those whose time cannot be (unreadable, far ahead). */
function readOf(leads: LeadRecord[], formId: string, params: LeadTriggerParameters): StreamRead<StreamEntry> {
	const latest = nowSeconds() + LEAD_FUTURE_TOLERANCE_SECONDS;
	const read: Required<StreamRead<StreamEntry>> = { entries: [], unplaced: [] };
	for (const lead of leads) {
		const item = itemOf(lead, formId, params);
		if (lead.time === undefined) {
			item.time_unplaced = 'unreadable creation time';
			read.unplaced.push({ entry: { id: lead.id, time: 0, key: formId, item }, reason: 'creation time unreadable' });
		} else if (lead.time > latest) {
			item.time_unplaced = 'creation time ahead of the clock';
			read.unplaced.push({ entry: { id: lead.id, time: lead.time, key: formId, item }, reason: `created ${item.create_time as string} UTC, ahead of the clock` });
		} else {
			read.entries.push({ id: lead.id, time: lead.time, key: formId, item });
		}
	}
	return read;
}

async function formLeads(this: IPollFunctions, params: LeadTriggerParameters, formId: string): Promise<LeadRecord[]> {
	try {
		return await fetchFormLeads.call(this, { advertiserId: params.advertiserId, libraryId: params.libraryId, formId, region: params.region });
	} catch (error) {
		throw forStream(this.getNode(), error, { noun: 'instant form', contextKey: 'formId' }, formId);
	}
}

/** The leadReceived poll: per form, the leads new since its cursor; oldest first over all forms. */
export async function pollLeads(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const params = leadTriggerParameters.call(this);
	if (this.getMode() === 'manual') return await newestLead.call(this, params);
	return await runCursorPoll.call(this, {
		event: 'leadReceived',
		keys: params.formIds,
		overlap: LEAD_OVERLAP_SECONDS,
		noun: 'instant form',
		contextKey: 'formId',
		// TikTok's download has no time filter: every poll reads the whole form, the runner keeps what is new.
		read: async (formId) => readOf(await formLeads.call(this, params, formId), formId, params),
		toItem: (entry) => ({ json: entry.item }),
	});
}

/** "Fetch test event": the newest lead over the chosen forms. Reads no cursor and changes none. */
async function newestLead(this: IPollFunctions, params: LeadTriggerParameters): Promise<INodeExecutionData[][]> {
	let best: StreamEntry | undefined;
	for (const formId of params.formIds) {
		for (const entry of readOf(await formLeads.call(this, params, formId), formId, params).entries) {
			if (!best || compareEntries(entry, best) > 0) best = entry;
		}
	}
	if (!best) {
		throw new NodeOperationError(this.getNode(), `No leads found in instant form${params.formIds.length > 1 ? 's' : ''} ${params.formIds.join(', ')}`, {
			description: 'There is nothing to show as a test event yet. Create a test lead for the form in TikTok, or wait for a real one; once activated, the trigger emits each new lead.',
		});
	}
	return [[{ json: best.item }]];
}
