import type { FakeTikTok } from '../harness/fake';
import { BUSINESS_PREFIX } from '../harness/fake';

/** The fake's advertisers (one list for every test: test/harness/fake.ts). */
export { ADV1, ADV2 } from '../harness/fake';

/* eslint-disable @typescript-eslint/no-require-imports */
const fakeLeads = require('../fake-tiktok/leads') as {
	addLead: (world: unknown, store: unknown, pageId: string, options?: Record<string, unknown>) => FakeLead;
	moveToLibrary: (store: unknown, pageId: string, libraryId: string) => { __libraryId?: string };
	zipOne: (fileName: string, data: Buffer) => Buffer;
	zipParts: (parts: ZipPart[]) => Buffer;
	crc32: (data: Buffer) => number;
	DEFAULT_CONFIG: LeadConfig;
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** Forms of the fake (test/fake-tiktok/leads.js): ADV1 has the first three, ADV2 the fourth. */
export const FORM_DRIVE = '7400000000000000101';
export const FORM_NEWSLETTER = '7400000000000000102';
export const FORM_DRAFT = '7400000000000000103';
export const FORM_COFFEE = '7400000000000000104';

export const TASK_PATH = `${BUSINESS_PREFIX}/page/lead/task/`;
export const DOWNLOAD_PATH = `${BUSINESS_PREFIX}/page/lead/task/download/`;
export const PAGE_GET = `${BUSINESS_PREFIX}/page/get/`;

export interface FakeLead {
	lead_id: string;
	created: number;
	page_id: string;
	ad_id: string;
	test: boolean;
	region: string;
	answers: Record<string, string>;
}

export interface LeadConfig {
	format: 'csv' | 'zip' | 'json';
	zipAboveBytes: number;
	bom: boolean;
	timeFormat: 'text' | 'unix';
	columnNames: 'snake' | 'title';
	checksUntilReady: number;
	testLeadsInDownload: boolean;
	failTasks: boolean;
	checkNeedsForm: boolean;
	regionSeparation: boolean;
	libraryStrict: boolean;
	rawFile?: Buffer;
	chunkedDownload: boolean;
}

export function leadConfig(fake: FakeTikTok): LeadConfig {
	return fake.state.leadConfig as LeadConfig;
}

/** Sets the fake's lead switches (and resets the others to TikTok's documented behaviour). */
export function configureLeads(fake: FakeTikTok, config: Partial<LeadConfig> = {}): void {
	Object.assign(leadConfig(fake), fakeLeads.DEFAULT_CONFIG, config);
}

/** Adds a lead to a form of the fake, created at `createdSec` (Unix seconds; default now). */
export function addLead(
	fake: FakeTikTok,
	pageId: string,
	options: { createdSec?: number; answers?: Record<string, string>; adId?: string; test?: boolean; region?: '' | 'eu' | 'us'; createdText?: string } = {},
): FakeLead {
	return fakeLeads.addLead(fake.state.world, fake.state.leadStore, pageId, {
		created: options.createdSec === undefined ? undefined : options.createdSec * 1000,
		answers: options.answers,
		adId: options.adId,
		test: options.test,
		region: options.region,
		createdText: options.createdText,
	});
}

/** Moves a form of the fake into a Business Center form library; returns the fake's form (clear `__libraryId` to undo). */
export function moveToLibrary(fake: FakeTikTok, pageId: string, libraryId: string): { __libraryId?: string } {
	return fakeLeads.moveToLibrary(fake.state.leadStore, pageId, libraryId);
}

/** A part of a zip the fake builds; its headers may lie (`claimedSize`, `crc`). */
export interface ZipPart {
	name: string;
	data: Buffer;
	claimedSize?: number;
	crc?: number;
	level?: number;
}

export const zipOne = (fileName: string, data: Buffer) => fakeLeads.zipOne(fileName, data);
export const zipParts = (parts: ZipPart[]) => fakeLeads.zipParts(parts);
export const crc32 = (data: Buffer) => fakeLeads.crc32(data);

export function leadsOf(fake: FakeTikTok, pageId: string): FakeLead[] {
	return (fake.state.leadStore as { leads: FakeLead[] }).leads.filter((l) => l.page_id === pageId);
}

export const rl = (value: string) => ({ __rl: true, mode: 'id', value });

/** A lead answer holding a comma, quotes and line breaks (CRLF and LF), as a person may type it. */
export const TRICKY_ANSWER = 'Call me after 6pm, please.\r\nMy "nickname" is Jo,\nthanks!';
