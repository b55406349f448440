import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MB } from '../../helpers/binary';
import { developersRequest } from '../../transport';
import { CREATOR_INFO_PATH, DEFAULT_WAIT_SECONDS, PRIVACY_LEVELS } from './descriptions';

/** Checks of a posting's parameters (before any request) and of what the creator may post (creator_info). */

// ---------------------------------------------------------------- checks

export function assertMaxLength(this: IExecuteFunctions, value: string, max: number, field: string, itemIndex: number): void {
	if (value.length > max) {
		throw new NodeOperationError(
			this.getNode(),
			`The "${field}" parameter is ${value.length} characters (UTF-16 units) long: TikTok allows at most ${max}`,
			{ itemIndex },
		);
	}
}

/** An https URL TikTok may pull from (no credentials in it); refused before any request otherwise. */
export function assertPullUrl(this: IExecuteFunctions, value: unknown, field: string, itemIndex: number): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '') {
		throw new NodeOperationError(this.getNode(), `The "${field}" parameter is empty: enter an https URL`, { itemIndex });
	}
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || url.protocol !== 'https:' || url.username || url.password) {
		throw new NodeOperationError(
			this.getNode(),
			`The "${field}" parameter must be an https URL (TikTok pulls media over https only), got "${text.slice(0, 100)}"`,
			{ itemIndex },
		);
	}
	return url.toString();
}

export function assertPrivacyLevel(this: IExecuteFunctions, value: unknown, itemIndex: number): string {
	const level = String(value ?? '');
	if (!PRIVACY_LEVELS.includes(level)) {
		throw new NodeOperationError(this.getNode(), `The "Privacy Level" parameter must be one of ${PRIVACY_LEVELS.join(', ')}, got "${level}"`, {
			itemIndex,
		});
	}
	return level;
}

export function waitTimeoutMs(this: IExecuteFunctions, options: IDataObject, itemIndex: number): number {
	const seconds = options.waitTimeoutSeconds === undefined ? DEFAULT_WAIT_SECONDS : Number(options.waitTimeoutSeconds);
	if (!Number.isFinite(seconds) || seconds < 2 || seconds > 3600) {
		throw new NodeOperationError(this.getNode(), `The "Wait Timeout (Seconds)" option must be between 2 and 3600, got ${String(options.waitTimeoutSeconds)}`, {
			itemIndex,
		});
	}
	return seconds * 1000;
}

export function chunkBytes(this: IExecuteFunctions, options: IDataObject, itemIndex: number): number {
	const mb = options.chunkSizeMb === undefined ? 5 : Number(options.chunkSizeMb);
	if (!Number.isFinite(mb) || mb < 5 || mb > 64) {
		throw new NodeOperationError(this.getNode(), `The "Chunk Size (MB)" option must be between 5 and 64, got ${String(options.chunkSizeMb)}`, {
			itemIndex,
		});
	}
	return Math.floor(mb * MB);
}

// ---------------------------------------------------------------- creator info

export interface CreatorInfo extends IDataObject {
	creator_username?: string;
	creator_nickname?: string;
	privacy_level_options?: string[];
	comment_disabled?: boolean;
	duet_disabled?: boolean;
	stitch_disabled?: boolean;
	max_video_post_duration_sec?: number;
}

/** `creator_info/query`: what the connected creator may post now (a read; 20 a minute per token). */
export async function queryCreatorInfo(this: IExecuteFunctions, itemIndex: number): Promise<CreatorInfo> {
	return (await developersRequest.call(this, {
		method: 'POST',
		path: CREATOR_INFO_PATH,
		body: {},
		idempotent: true,
		itemIndex,
	})) as CreatorInfo;
}

/** Refuses a privacy level the creator is not offered, naming the field and listing what is offered. */
export function assertCreatorPrivacy(this: IExecuteFunctions, creator: CreatorInfo, level: string, itemIndex: number): void {
	const offered = Array.isArray(creator.privacy_level_options) ? creator.privacy_level_options.map(String) : [];
	if (!offered.includes(level)) {
		throw new NodeOperationError(
			this.getNode(),
			`The "Privacy Level" ${level} is not offered to this TikTok creator${creator.creator_username ? ` (@${creator.creator_username})` : ''}: choose one of ${offered.join(', ') || '(none)'}`,
			{ itemIndex, description: 'TikTok lists the levels each creator may use (public accounts: Everyone, Friends, Only Me; private accounts: Followers, Friends, Only Me).' },
		);
	}
}

/**
 * The `disable_*` switches to send: an interaction the creator turned off in TikTok stays off. Asking for it to be on
 * (the option added and set to false) is refused, naming the option; left out, it follows the creator's setting.
 */
export function interactionSwitches(
	this: IExecuteFunctions,
	creator: CreatorInfo,
	options: IDataObject,
	switches: Array<{ option: string; label: string; creatorKey: keyof CreatorInfo; bodyKey: string }>,
	itemIndex: number,
): IDataObject {
	const out: IDataObject = {};
	for (const s of switches) {
		const creatorDisabled = creator[s.creatorKey] === true;
		const asked = options[s.option];
		if (creatorDisabled && asked === false) {
			throw new NodeOperationError(
				this.getNode(),
				`The "${s.label}" option is off, but this TikTok creator has disabled ${s.label.replace(/^Disable /, '').toLowerCase()} for their posts: turn the option on or remove it`,
				{ itemIndex },
			);
		}
		out[s.bodyKey] = creatorDisabled ? true : asked === true;
	}
	return out;
}
