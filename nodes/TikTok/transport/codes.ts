/**
 * THE table of what TikTok's error codes mean, for every API: how the transport treats them (a rate limit is retried
 * even for a write; a server fault is retried for reads and makes a write "may have been applied"), which HTTP status
 * the error reports, whether a code speaks for the whole call (token, permission, advertiser: a batch stops sending)
 * or for one entity (a batch is narrowed down), and the hint users read. retry, errors, batching and status changes
 * all read it here; add a code here and nowhere else.
 */
import type { TikTokApiName } from './types';


/** What a code means to the transport: retried as a rate limit, retried as a server fault, or final. */
export type CodeRetry = 'rateLimit' | 'serverFault' | 'final';

export interface CodeMeaning {
	retry: CodeRetry;
	/** The HTTP status the error reports (429, 401, 403, 404, 503), when the code implies one. */
	httpCode?: '401' | '403' | '404' | '429' | '503';
	/** `call`: the same failure would hit every request with this token/advertiser; `entity`: it is about one ID. */
	scope?: 'call' | 'entity';
	hint?: string;
}

export const RECONNECT_BUSINESS =
	'Reconnect: open the TikTok Business credential and authorize again (paste a new Authorization Code, or a new Access Token).';
export const RECONNECT_DEVELOPERS = 'Reconnect: open the TikTok OAuth2 credential and click "Switch account" (or "Connect my account").';
export const OEMBED_NOT_FOUND =
	'Check the Video URL: TikTok only embeds public videos that still exist (private, removed or age-restricted videos and non-video pages are refused).';

const BUSINESS_HINTS: Record<number, string> = {
	40000: 'TikTok rejected a parameter. Check the field named in the message.',
	40002: 'TikTok rejected a parameter, or the object does not exist or is not reachable with this token. Check the field named in the message and the IDs you passed.',
	40001: 'The app or this token has no permission for this call. Enable the matching permission (scope) for your app on the TikTok API for Business portal, then authorize again.',
	40125: 'The app lacks the permission (scope) for this call. Enable it on the TikTok API for Business portal, then authorize again.',
	40118: 'The app or advertiser is not allow-listed for this feature.',
	40119: 'The developer and the advertiser are not the same company.',
	40101: `The App ID or Secret is wrong. ${RECONNECT_BUSINESS}`,
	40102: `The access token expired. ${RECONNECT_BUSINESS}`,
	40104: `No access token was sent. ${RECONNECT_BUSINESS}`,
	40105: `TikTok rejected the access token. ${RECONNECT_BUSINESS}`,
	40106: 'The token does not belong to this advertiser. Check the advertiser ID, or authorize the advertiser for your app.',
	40107: `Marketing API tokens cannot be refreshed. ${RECONNECT_BUSINESS}`,
	40110: `The authorization code is invalid, used or expired. ${RECONNECT_BUSINESS}`,
	40113: `The App ID does not match the token, or the app is blocked. ${RECONNECT_BUSINESS}`,
	40006: 'The API version is not supported for this call.',
	40007: 'The object does not exist. Check the ID.',
	40008: 'TikTok has not implemented this call for this account type (sandbox accounts do not support it).',
	40009: 'This call is not supported in the sandbox.',
	40011: 'Too many IDs in one request.',
	40013: 'The sandbox account is missing or not supported.',
	40014: 'This call is not supported in the sandbox.',
	40067: 'The report query is too large: shorten the date range or use fewer dimensions.',
	40300: 'The advertiser does not exist. Check the advertiser ID.',
	40301: 'The advertiser cannot be matched to this token. Check the advertiser ID.',
	40900: 'The uploaded file does not match its signature (MD5).',
	40907: 'The file is too large for TikTok.',
	40908: 'TikTok does not accept this file type.',
	40911: 'A material with this name already exists: choose another file name.',
	40915: 'The file does not meet TikTok specifications.',
	41001: 'TikTok has taken this endpoint offline.',
	41002: 'A field is no longer in use: remove it.',
};

const DEVELOPERS_HINTS: Record<string, string> = {
	token_refresh_refused: `The access token expired and TikTok's token endpoint refused n8n's refresh, so nothing was stored and the call was not made. ${RECONNECT_DEVELOPERS} If it happens after every expiry, TikTok wants the Client Key in the refresh's form body and answers the refusal with an HTTP error: see "TikTok OAuth2 API credential" in the package README.`,
	access_token_invalid: `The access token is invalid or expired and could not be refreshed. ${RECONNECT_DEVELOPERS}`,
	scope_not_authorized: `The user did not grant the scope this call needs. Add it to the credential's Scope (and enable it for your app), then reconnect.`,
	scope_permission_missed: `A requested field needs a scope the token does not have. Add the scope to the credential's Scope and reconnect, or ask for fewer fields.`,
	invalid_params: 'TikTok rejected a parameter. Check the field named in the message.',
	rate_limit_exceeded: 'TikTok rate-limited the call. Wait a minute or poll less often.',
	internal_error: 'TikTok had an internal error. Try again later.',
	// Content Posting API (contract §9): init, status and upload errors, and the `fail_reason` of a FAILED post.
	invalid_param: 'TikTok rejected a parameter of the post. Check the field named in the message.',
	spam_risk_too_many_posts: 'The creator reached TikTok\'s daily cap of posts made through the API. Try again tomorrow, or post from the TikTok app.',
	spam_risk_user_banned_from_posting: 'TikTok has banned this account from making new posts. Do not retry; the creator must resolve it in the TikTok app.',
	spam_risk_too_many_pending_share: 'The creator has too many drafts waiting in the TikTok inbox (at most 5 pending shares in 24 hours). Post or delete the drafts in the TikTok app, then try again.',
	reached_active_user_cap: 'Your TikTok app reached its daily quota of active posting users. Try again tomorrow, or ask TikTok for a higher quota.',
	unaudited_client_can_only_post_to_private_accounts: 'Your TikTok app has not passed TikTok\'s audit yet, so it can only post to a private account with Privacy Level "Only Me" (SELF_ONLY). Make the TikTok account private and choose Only Me, or have the app audited by TikTok.',
	url_ownership_unverified: 'TikTok only pulls videos and photos from a domain or URL prefix your app has verified. Add the domain (DNS TXT record) or the URL prefix under "URL properties" of your app on developers.tiktok.com, or send the video as a binary file instead.',
	privacy_level_option_mismatch: 'The Privacy Level is not one the creator is offered. Run "Get Creator Info" and choose one of its privacy_level_options.',
	app_version_check_failed: 'Sending to the inbox (Media Upload) needs TikTok app version 31.8 or later on the creator\'s phone.',
	invalid_publish_id: 'TikTok does not know this Publish ID. Use the publish_id a posting operation returned.',
	token_not_authorized_for_specified_publish_id: 'This Publish ID belongs to another TikTok account or app: use the credential that made the post.',
	file_format_check_failed: 'TikTok does not accept the file format. Send MP4 (H.264 recommended), WebM or MOV videos, or JPEG/WebP photos.',
	duration_check_failed: 'The video is too long or too short for this creator. Check max_video_post_duration_sec with "Get Creator Info".',
	frame_rate_check_failed: 'TikTok accepts videos of 23 to 60 frames per second.',
	picture_size_check_failed: 'TikTok accepts videos of 360 to 4096 pixels per side, and photos up to 1080p.',
	internal: 'TikTok had an internal fault while processing the post. This is retryable: post again.',
	video_pull_failed: 'TikTok could not download the video from the URL within an hour. Check that the URL is public, https, not redirecting and not bandwidth-limited, then post again.',
	photo_pull_failed: 'TikTok could not download a photo from its URL within an hour. Check that every URL is public, https, not redirecting, then post again.',
	publish_cancelled: 'The download was cancelled before TikTok finished it.',
	auth_removed: 'The creator removed your app\'s access while the post was processing. Do not retry; reconnect first.',
	spam_risk_text: 'TikTok judged the caption text risky or spammy. Change the title/description; do not retry as is.',
	spam_risk: 'TikTok judged the post risky and stopped it. Do not retry as is.',
	upload_url_expired: 'The upload URL expired (TikTok allows one hour). Run the operation again to start a new upload; check the TikTok inbox for a leftover draft first.',
	upload_not_found: 'TikTok no longer knows this upload. Run the operation again to start a new upload.',
	upload_range_mismatch: 'The upload got out of step with TikTok. Run the operation again to start a new upload.',
	upload_bad_request: 'TikTok refused a chunk of the video. Run the operation again; if it keeps failing, check the file.',
	upload_network: 'The video could not be sent to TikTok (connection failed repeatedly). Check the network and run the operation again.',
	upload_incomplete: 'TikTok expected more bytes than the file has. Check that the binary is complete.',
	post_status_timeout: 'TikTok is still processing the post. Use the Post → Get Status operation later with the Publish ID.',
};

const rateLimit: CodeMeaning = { retry: 'rateLimit', httpCode: '429' };
const serverFault: CodeMeaning = { retry: 'serverFault', httpCode: '503' };

/** Classification of Business codes (reference §1.4): rate limits, server faults, auth, permission, not found. */
const BUSINESS_CLASSES: Record<number, Omit<CodeMeaning, 'hint'>> = {
	// Rate limits: TikTok refused the call before doing anything, so re-sending it is safe even for a write.
	40100: rateLimit,
	40133: rateLimit,
	40016: rateLimit,
	40132: rateLimit,
	61000: rateLimit,
	// Temporary fault or maintenance: worth another try, for reads only.
	50000: serverFault,
	50002: serverFault,
	60001: serverFault,
	// The token or app: every call with it fails alike (40110, the authorization code, is about one exchange).
	40101: { retry: 'final', httpCode: '401', scope: 'call' },
	40102: { retry: 'final', httpCode: '401', scope: 'call' },
	40104: { retry: 'final', httpCode: '401', scope: 'call' },
	40105: { retry: 'final', httpCode: '401', scope: 'call' },
	40107: { retry: 'final', httpCode: '401', scope: 'call' },
	40110: { retry: 'final', httpCode: '401' },
	40113: { retry: 'final', httpCode: '401', scope: 'call' },
	// Permission and allow-listing.
	40001: { retry: 'final', httpCode: '403', scope: 'call' },
	40125: { retry: 'final', httpCode: '403', scope: 'call' },
	40118: { retry: 'final', httpCode: '403', scope: 'call' },
	40119: { retry: 'final', httpCode: '403', scope: 'call' },
	// The advertiser (for the whole call) or one object.
	40106: { retry: 'final', httpCode: '404', scope: 'call' },
	40300: { retry: 'final', httpCode: '404', scope: 'call' },
	40301: { retry: 'final', httpCode: '404', scope: 'call' },
	40007: { retry: 'final', httpCode: '404', scope: 'entity' },
	// A parameter, or an object that does not exist: with a batch of IDs, possibly one entity's fault.
	40000: { retry: 'final', scope: 'entity' },
	40002: { retry: 'final', scope: 'entity' },
};

/** Classification of Developers (v2) `error.code`s. */
const DEVELOPERS_CLASSES: Record<string, Omit<CodeMeaning, 'hint'>> = {
	rate_limit_exceeded: rateLimit,
	internal_error: serverFault,
	access_token_invalid: { retry: 'final', httpCode: '401', scope: 'call' },
	token_refresh_refused: { retry: 'final', httpCode: '401', scope: 'call' },
	scope_not_authorized: { retry: 'final', httpCode: '403', scope: 'call' },
	scope_permission_missed: { retry: 'final', httpCode: '403', scope: 'call' },
};

function own<T>(table: Record<string | number, T>, key: string | number): T | undefined {
	return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/**
 * What TikTok's `code` means. The classification (retry, HTTP status, scope) is read from both APIs' tables (Business
 * codes are numbers, Developers codes text, so they never collide); the hint is the one of `api`'s table. oEmbed
 * errors carry HTTP statuses only, so nothing here applies to them.
 */
export function codeMeaning(api: TikTokApiName | undefined, code: number | string | undefined): CodeMeaning {
	if (code === undefined || api === 'oembed') return { retry: 'final' };
	const classes = typeof code === 'number' ? own(BUSINESS_CLASSES, code) : own(DEVELOPERS_CLASSES, code);
	const hint =
		api === 'business' && typeof code === 'number'
			? own(BUSINESS_HINTS, code)
			: api === 'developers' && typeof code === 'string'
				? own(DEVELOPERS_HINTS, code)
				: undefined;
	return { retry: 'final', ...(classes ?? {}), ...(hint ? { hint } : {}) };
}

/** Whether TikTok refused the call for the rate (any API): re-sending later is safe, also for a write. */
export function isRateLimitCode(code: number | string | undefined, api?: TikTokApiName): boolean {
	return codeMeaning(api, code).retry === 'rateLimit';
}

/** A temporary TikTok fault: retried for reads; a write may have been applied. */
export function isServerFaultCode(code: number | string | undefined, api?: TikTokApiName): boolean {
	return codeMeaning(api, code).retry === 'serverFault';
}

/** A code that says something about the whole call (token, permission, advertiser), not about one ID. */
export function isCallWideCode(code: number | string | undefined): boolean {
	return codeMeaning(undefined, code).scope === 'call';
}

/** A code with which TikTok may refuse a whole batch because of one entity (deleted, missing, a bad value). */
export function isEntityLevelCode(code: number | string | undefined): boolean {
	return codeMeaning(undefined, code).scope === 'entity';
}

/** The hint for a Developers API error code (or a post's `fail_reason`), if there is one. */
export function developersHint(code: string): string | undefined {
	return own(DEVELOPERS_HINTS, code);
}
