import type { IDataObject, INode } from 'n8n-workflow';

import { assertTikTokId } from '../../helpers/validation';

/**
 * Business Center form libraries (contract §8.1, §8.3): once forms move to a library, TikTok wants `library_id` in
 * place of `advertiser_id` on `/page/get/`, the lead task and the download.
 */

/** The Form Library ID option: undefined when empty, else its digits (checked before any request). */
export function readLibraryId(node: INode, value: unknown, itemIndex?: number): string | undefined {
	if (value === undefined || value === null || String(value).trim() === '') return undefined;
	return assertTikTokId(node, value, 'Form Library ID', itemIndex);
}

/** `advertiser_id`, or `library_id` in its place for a form of a form library. */
export function formOwner(request: { advertiserId: string; libraryId?: string }): IDataObject {
	return request.libraryId ? { library_id: request.libraryId } : { advertiser_id: request.advertiserId };
}

