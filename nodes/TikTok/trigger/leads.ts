import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { LeadRecord } from '../actions/lead/leads';
import { fetchFormLeads } from '../actions/lead/leads';
import { assertTikTokId, parseTikTokIdList } from '../helpers/validation';
import type { CursorEntry, PollCursor } from './cursor';
import { forgetOtherEvents } from './parameters';
import {
	advanceCursor,
	compareEntries,
	compareIds,
	newer,
	notSeenBy,
	nowSeconds,
	pendingEntries,
	readCursor,
	seedCursor,
} from './cursor';
import { appendAll } from '../transport/arrays';

/**
 * The `leadReceived` event: each new lead of the chosen instant forms, once. TikTok offers no "leads since" query to
 * apps, only a download of all of a form's leads (contract §8.3), so each poll downloads each form's leads and the
 * cursor (same rules as the ad events, `cursor.ts`) picks what is new: the newest lead time emitted and the lead IDs
 * seen in an overlap window behind it, per form. Leads sharing a second, or listed late, come once.
 */

/** How far behind the cursor a poll looks again for leads TikTok lists late (seconds). */
export const LEAD_OVERLAP_SECONDS = 3600;

interface LeadEntry extends CursorEntry {
	formId: string;
	lead: IDataObject;
}

interface LeadTriggerParameters {
	advertiserId: string;
	formIds: string[];
	region?: string;
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
	const region = typeof options.region === 'string' && options.region !== '' ? options.region : undefined;
	return { advertiserId, formIds, region };
}

function entriesOf(leads: LeadRecord[], formId: string, advertiserId: string): LeadEntry[] {
	const entries: LeadEntry[] = [];
	for (const lead of leads) {
		// A lead without a readable time cannot be placed against the cursor.
		if (lead.time === undefined) continue;
		entries.push({ id: lead.id, time: lead.time, formId, lead: { ...lead.json, form_id: lead.json.form_id ?? formId, advertiser_id: advertiserId } });
	}
	return entries;
}

/** Names the form in an error (never a lead's content: TikTok's message and code only). */
function forForm(this: IPollFunctions, error: unknown, formId: string): NodeApiError | NodeOperationError {
	const wrapped =
		error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error as Error);
	if (!wrapped.message.includes(formId)) wrapped.message = `${wrapped.message} (instant form ${formId})`;
	wrapped.context.formId = formId;
	return wrapped;
}

async function leadsOf(this: IPollFunctions, params: LeadTriggerParameters, formId: string): Promise<LeadEntry[]> {
	try {
		const leads = await fetchFormLeads.call(this, { advertiserId: params.advertiserId, formId, region: params.region });
		return entriesOf(leads, formId, params.advertiserId);
	} catch (error) {
		throw forForm.call(this, error, formId);
	}
}

/** The leadReceived poll: per form, the leads new since its cursor; oldest first over all forms. */
export async function pollLeads(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const params = leadTriggerParameters.call(this);
	if (this.getMode() === 'manual') return await newestLead.call(this, params);

	const staticData = this.getWorkflowStaticData('node');
	const stored = (staticData.leadReceived ?? {}) as IDataObject;
	const next: Record<string, PollCursor> = {};
	const pending: LeadEntry[] = [];
	let seeded = false;
	const found = new Map<string, { cursor: PollCursor; fresh: LeadEntry[] }>();
	for (const formId of params.formIds) {
		const cursor = readCursor(stored[formId]);
		const entries = await leadsOf.call(this, params, formId);
		if (!cursor) {
			// First activation for this form: everything it has now counts as seen; emit nothing.
			next[formId] = seedCursor(entries, nowSeconds(), LEAD_OVERLAP_SECONDS);
			seeded = true;
			continue;
		}
		found.set(formId, { cursor, fresh: pendingEntries(cursor, entries, LEAD_OVERLAP_SECONDS) });
	}
	// Another poll may have run while this one downloaded (a slow task, a long backoff) and emitted some of the same
	// leads: reconcile with the cursors as they are now, never moving one back. Nothing below awaits.
	const current = (staticData.leadReceived ?? {}) as IDataObject;
	for (const [formId, { cursor, fresh }] of found) {
		const now = readCursor(current[formId]);
		const start = newer(cursor, now, LEAD_OVERLAP_SECONDS);
		const unseen = notSeenBy(now, fresh);
		next[formId] = unseen.length > 0 ? advanceCursor(start, unseen, LEAD_OVERLAP_SECONDS) : start;
		appendAll(pending, unseen);
	}
	// n8n saves static data when a poll emits (and after activation): change it only then. A failed poll threw above,
	// so no form's cursor moved.
	if (pending.length > 0 || seeded) {
		staticData.leadReceived = next;
		forgetOtherEvents(staticData, 'leadReceived');
	}
	if (pending.length === 0) return null;
	pending.sort((a, b) => compareEntries(a, b) || compareIds(a.formId, b.formId));
	return [pending.map((e) => ({ json: e.lead }))];
}

/** "Fetch test event": the newest lead over the chosen forms. Reads no cursor and changes none. */
async function newestLead(this: IPollFunctions, params: LeadTriggerParameters): Promise<INodeExecutionData[][]> {
	let best: LeadEntry | undefined;
	for (const formId of params.formIds) {
		for (const entry of await leadsOf.call(this, params, formId)) {
			if (!best || compareEntries(entry, best) > 0) best = entry;
		}
	}
	if (!best) {
		throw new NodeOperationError(this.getNode(), `No leads found in instant form${params.formIds.length > 1 ? 's' : ''} ${params.formIds.join(', ')}`, {
			description: 'There is nothing to show as a test event yet. Create a test lead for the form in TikTok, or wait for a real one; once activated, the trigger emits each new lead.',
		});
	}
	return [[{ json: best.lead }]];
}
