import { createHmac, timingSafeEqual } from 'crypto';

import type { IDataObject } from 'n8n-workflow';

import { answerKeys } from '../actions/lead/leadFile';
import { simplifyLead } from '../actions/lead/leads';
import { secondsToTikTokTime } from '../helpers/time';
import { parseJsonKeepingLargeIntegers } from '../transport/json';

/**
 * A lead delivery TikTok POSTs to a subscription's callback URL (docs/tiktok-contract.md, "Lead subscriptions"; bububa
 * `model/subscription/webhook/{request,lead}.go`): `{request_id, object: 1, entry: [{id, lead_source, page_id, page_name,
 * advertiser_id, advertiser_name, library_id, campaign_id, campaign_name, adgroup_id, adgroup_name, ad_id, ad_name,
 * create_time, changes: [{field, value}]}], time}`. Lead answers are personal data: nothing here logs them.
 */

/** The header TikTok signs deliveries in (research note quoted in the contract; UNCONFIRMED, the only one named). */
export const SIGNATURE_HEADER = 'x-open-signature';
/** Entries read from one delivery at most (TikTok batches up to 1,000 leads; contract). */
export const MAX_ENTRIES = 1000;
/** Answers read from one lead at most, and characters kept of one answer (instant forms are short). */
const MAX_CHANGES = 200;
const MAX_VALUE_LENGTH = 10_000;

/** The body with every non-ASCII character as a lowercase `\uXXXX` escape (the signed input a production integration reads from TikTok's page). */
export function escapeNonAscii(text: string): string {
	return text.replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function hmacHex(secret: string, input: string): Buffer {
	return createHmac('sha256', secret).update(input, 'utf8').digest();
}

export type SignatureVerdict = { ok: true; signedInput: 'escaped' | 'raw' } | { ok: false; reason: 'missing' | 'malformed' | 'mismatch' };

/**
 * Checks `X-Open-Signature`: the hex HMAC-SHA256, keyed by the app secret, of the body. TikTok's sources leave open
 * whether the body is signed as sent or with non-ASCII characters escaped (contract): both are computed with the
 * secret, so accepting either keeps the check as strong. Compared in constant time.
 */
export function verifySignature(rawBody: Buffer, header: unknown, secret: string): SignatureVerdict {
	const text = Array.isArray(header) ? String(header[0] ?? '') : typeof header === 'string' ? header : '';
	const signature = text.trim().toLowerCase().replace(/^sha256=/, '');
	if (signature === '') return { ok: false, reason: 'missing' };
	if (!/^[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: 'malformed' };
	const given = Buffer.from(signature, 'hex');
	const body = rawBody.toString('utf8');
	const escaped = escapeNonAscii(body);
	if (timingSafeEqual(given, hmacHex(secret, escaped))) return { ok: true, signedInput: 'escaped' };
	if (escaped !== body && timingSafeEqual(given, hmacHex(secret, body))) return { ok: true, signedInput: 'raw' };
	return { ok: false, reason: 'mismatch' };
}

const META_FIELDS: Array<[string, string]> = [
	['page_id', 'form_id'],
	['page_name', 'form_name'],
	['advertiser_id', 'advertiser_id'],
	['advertiser_name', 'advertiser_name'],
	['library_id', 'library_id'],
	['campaign_id', 'campaign_id'],
	['campaign_name', 'campaign_name'],
	['adgroup_id', 'adgroup_id'],
	['adgroup_name', 'adgroup_name'],
	['ad_id', 'ad_id'],
	['ad_name', 'ad_name'],
	['lead_source', 'lead_source'],
];

export interface DeliveredLead {
	id: string;
	json: IDataObject;
}

export interface ParsedDelivery {
	/** TikTok's `object`: 1 is a lead (others are other subscriptions' events on the same URL). */
	object: number | undefined;
	requestId?: string;
	leads: DeliveredLead[];
	/** Entries that were not a readable lead (no lead ID), and entries beyond the bound. */
	skipped: number;
}

function text(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const out = typeof value === 'object' ? JSON.stringify(value) : String(value);
	return out.length > MAX_VALUE_LENGTH ? out.slice(0, MAX_VALUE_LENGTH) : out;
}

/** One item per lead: its ID exact (TikTok may send 19-digit IDs as JSON numbers), metadata, then one field per answer. */
export function parseDelivery(rawBody: Buffer): ParsedDelivery {
	const body = parseJsonKeepingLargeIntegers(rawBody.toString('utf8'));
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return { object: undefined, leads: [], skipped: 0 };
	const delivery = body as IDataObject;
	const object = Number(delivery.object);
	const entries = Array.isArray(delivery.entry) ? (delivery.entry as unknown[]) : [];
	const leads: DeliveredLead[] = [];
	let skipped = Math.max(0, entries.length - MAX_ENTRIES);
	for (let e = 0; e < entries.length && e < MAX_ENTRIES; e++) {
		const entry = entries[e];
		const id = typeof entry === 'object' && entry !== null ? text((entry as IDataObject).id) : undefined;
		if (id === undefined || !/^\d{1,20}$/.test(id.trim())) {
			skipped++;
			continue;
		}
		const lead = entry as IDataObject;
		const json: IDataObject = { lead_id: id.trim() };
		const seconds = Number(lead.create_time);
		if (Number.isFinite(seconds) && seconds > 0) json.create_time = secondsToTikTokTime(seconds);
		for (const [from, to] of META_FIELDS) {
			const value = text(lead[from]);
			if (value !== undefined && value !== '') json[to] = value;
		}
		// Answers never take a metadata key, and two questions with the same label keep both (the lead files' rule).
		const changes = (Array.isArray(lead.changes) ? (lead.changes as unknown[]) : [])
			.slice(0, MAX_CHANGES)
			.map((change) => ({ label: text((change as IDataObject | null)?.field)?.trim() ?? '', value: (change as IDataObject | null)?.value as unknown }))
			.filter((change) => change.label !== '');
		const keys = answerKeys(changes.map((change) => change.label));
		changes.forEach((change, c) => (json[keys[c]] = text(change.value) ?? ''));
		leads.push({ id: json.lead_id as string, json });
	}
	return { object: Number.isFinite(object) ? object : undefined, requestId: text(delivery.request_id), leads, skipped };
}

/** The item of a lead: simplified, its answers and the metadata a person reads first; else everything, with the delivery's request ID. */
export function leadItem(lead: DeliveredLead, simplify: boolean, requestId: string | undefined): IDataObject {
	if (!simplify) return { ...lead.json, ...(requestId ? { delivery_request_id: requestId } : {}) };
	return simplifyLead(lead.json);
}

/** Lead IDs seen recently (TikTok redelivers for up to 24 hours): lead ID → Unix seconds it was emitted. */
export type SeenLeads = Record<string, number>;

/** How long a delivered lead's ID is remembered, and how many at most per trigger (the oldest go first). */
export const SEEN_WINDOW_SECONDS = 25 * 3600;
export const SEEN_MAX = 10_000;
/** Triggers remembered in this process at most (each up to SEEN_MAX IDs). */
const TRIGGERS_MAX = 200;

/**
 * The IDs each trigger (workflow + node) emitted, in this n8n process. n8n 2.41 does not keep what a webhook trigger
 * writes to its static data between deliveries (measured: test/e2e), so the memory of the process is what makes a
 * redelivery to the same n8n come once; after a restart, or on another webhook process in queue mode, a repeat can
 * come again (README).
 */
const remembered = new Map<string, SeenLeads>();

function recall(key: string): SeenLeads {
	let seen = remembered.get(key);
	if (!seen) {
		seen = {};
		remembered.set(key, seen);
		if (remembered.size > TRIGGERS_MAX) remembered.delete(remembered.keys().next().value as string);
	}
	return seen;
}

/**
 * Keeps the leads not emitted before within the window, by this trigger (`key`: workflow and node) in this process or
 * as recorded in `stored` (the trigger's static data, kept where n8n persists it), and records them in both; `now` in
 * Unix seconds.
 */
export function firstDeliveries(key: string, stored: { seen?: SeenLeads }, leads: DeliveredLead[], now: number): DeliveredLead[] {
	const memory = recall(key);
	const seen: SeenLeads = {};
	for (const source of [stored.seen ?? {}, memory]) {
		for (const [id, at] of Object.entries(source)) if (now - at < SEEN_WINDOW_SECONDS) seen[id] = Math.max(seen[id] ?? 0, at);
	}
	const fresh: DeliveredLead[] = [];
	for (const lead of leads) {
		if (seen[lead.id] !== undefined) continue;
		seen[lead.id] = now;
		fresh.push(lead);
	}
	const ids = Object.keys(seen);
	if (ids.length > SEEN_MAX) {
		ids.sort((a, b) => seen[a] - seen[b]);
		for (const id of ids.slice(0, ids.length - SEEN_MAX)) delete seen[id];
	}
	for (const id of Object.keys(memory)) delete memory[id];
	Object.assign(memory, seen);
	stored.seen = { ...seen };
	return fresh;
}
