import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MeasuredFile } from '../../helpers/binaryFile';
import { measureBinaryFile } from '../../helpers/binaryFile';
import { getAdvertiserId, stringifyIds } from '../../helpers/utils';
import { businessRequest, chunkTimeoutMs, multipartBody, requestTimeoutMs } from '../../transport';
import { advertiserRLC } from '../common.descriptions';
import { HEAD_BYTES, MAX_FILE_NAME_LENGTH } from './formats';

/** One kind of file in the ad account's creative library (docs/tiktok-contract.md §19.1). */
export interface LibraryKind {
	/** `image` / `video`, in messages. */
	noun: 'image' | 'video';
	/** `/file/name/check/`'s `file_type`. */
	fileType: 'IMAGE' | 'VIDEO';
	uploadPath: string;
	searchPath: string;
	fileField: string;
	signatureField: string;
	idKey: string;
	maxBytes: number;
	limitText: string;
	/** Checks the file's format (and what else TikTok documents) from its first bytes; returns its MIME type and extension. */
	check(this: IExecuteFunctions, file: MeasuredFile, itemIndex: number): { mimeType: string; extension: string };
}

/** The parameters both uploads have: Advertiser, Input Binary Field and the File Name option. */
export function uploadProperties(noun: 'image' | 'video', example: string): INodeProperties[] {
	return [
		advertiserRLC,
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			required: true,
			default: 'data',
			placeholder: 'e.g. data',
			hint: `The name of the input binary field containing the ${noun}`,
			description: `The ${noun} file to put into the ad account's creative library`,
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [
				{
					displayName: 'File Name',
					name: 'fileName',
					type: 'string',
					default: '',
					placeholder: `e.g. ${example}`,
					description: `Name of the ${noun} in the library (1–100 characters, unique in the ad account). Defaults to the file name of the binary.`,
				},
			],
		},
	];
}

/**
 * An upload that failed without a clear answer may have reached the library: say so. Running the node again is safe:
 * it finds the file by its name and MD5 and returns it instead of uploading it a second time.
 */
function mayHaveBeenUploaded(error: unknown, noun: string, fileName: string): unknown {
	const e = error as { message?: string; description?: string | null; context?: IDataObject };
	if (e?.context?.mayHaveBeenApplied !== true) return error;
	e.message = `TikTok may have uploaded the ${noun} "${fileName}": ${String(e.message ?? '').replace(/^TikTok may have applied this change: /, '')}`;
	e.description =
		`No clear answer came back. Running the node again is safe: it looks for "${fileName}" in the library first and returns it (by its MD5) instead of uploading it twice. ${e.description ?? ''}`.trim();
	return error;
}

/** The library's record of the file of material `materialId` (`/file/<kind>/ad/search/`), if TikTok returns it. */
async function findMaterial(this: IExecuteFunctions, kind: LibraryKind, advertiserId: string, materialId: string, itemIndex: number) {
	const data = await businessRequest.call(this, {
		method: 'GET',
		path: kind.searchPath,
		qs: { advertiser_id: advertiserId, filtering: { material_ids: [materialId] }, page: 1, page_size: 20 },
		itemIndex,
	});
	const list = Array.isArray(data.list) ? (data.list as IDataObject[]) : [];
	return list.find((entry) => String(entry.material_id ?? '') === materialId) ?? list[0];
}

/**
 * Puts one item's binary into the ad account's creative library:
 * 1. the file is measured in one pass (size, MD5, first bytes; a stored file is streamed) and checked as TikTok
 *    documents, before any request;
 * 2. `/file/name/check/`: TikTok wants names unique per ad account. A name already used by the SAME bytes (same MD5:
 *    an earlier run, or n8n's Retry On Fail after a lost answer) returns that file (`already_in_library: true`; a new upload has `false`) instead
 *    of a second upload; a name used by another file is refused, naming the File Name option;
 * 3. one multipart `POST` with `upload_type: UPLOAD_BY_FILE` and the MD5 signature, the file streamed from n8n's
 *    binary store, within a deadline that grows with its size. A write: not re-sent after an unclear failure.
 */
export async function uploadToLibrary(this: IExecuteFunctions, kind: LibraryKind, itemIndex: number): Promise<IDataObject> {
	const node = this.getNode();
	const advertiserId = getAdvertiserId.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const file = await measureBinaryFile.call(this, itemIndex, kind.noun, { maxBytes: kind.maxBytes, headBytes: HEAD_BYTES, limitText: kind.limitText });
	const { mimeType, extension } = kind.check.call(this, file, itemIndex);

	const requested = String(options.fileName ?? '').trim();
	const fileName = requested || String(file.binary.fileName ?? '').trim() || `${kind.noun}.${extension}`;
	if ([...fileName].length > MAX_FILE_NAME_LENGTH) {
		throw new NodeOperationError(
			node,
			`The ${requested ? '"File Name" option' : `file name of binary field ${file.label}`} is ${[...fileName].length} characters long: TikTok takes at most ${MAX_FILE_NAME_LENGTH}`,
			{ itemIndex, description: 'Set a shorter File Name in Options. Nothing was sent to TikTok.' },
		);
	}

	const check = await businessRequest.call(this, {
		method: 'GET',
		path: '/file/name/check/',
		qs: { advertiser_id: advertiserId, file_name: fileName, file_type: kind.fileType },
		itemIndex,
	});
	if (check.duplicate === true || check.duplicate === 'true') {
		const materialId = String(check.duplicate_template_id ?? '');
		const existing = materialId ? await findMaterial.call(this, kind, advertiserId, materialId, itemIndex) : undefined;
		if (existing && String(existing.signature ?? '').toLowerCase() === file.md5) {
			return { ...stringifyIds(existing), already_in_library: true };
		}
		throw new NodeOperationError(
			node,
			`The ${kind.noun} name "${fileName}" is already used by ${existing ? `another ${kind.noun}` : `a ${kind.noun} TikTok did not return yet`} in the creative library of advertiser ${advertiserId}: TikTok wants names unique per ad account`,
			{
				itemIndex,
				description: existing
					? `Set another File Name in Options (for example add a date). The ${kind.noun} already named so has other content (material ${materialId}). Nothing was uploaded.`
					: `TikTok says the name is taken (material ${materialId}) but did not return that file, which happens for a few seconds after an upload. Run the node again shortly, or set another File Name in Options. Nothing was uploaded.`,
			},
		);
	}

	const body = multipartBody(
		[
			['advertiser_id', advertiserId],
			['upload_type', 'UPLOAD_BY_FILE'],
			['file_name', fileName],
			[kind.signatureField, file.md5],
		],
		{ field: kind.fileField, fileName, contentType: mimeType, size: file.size, open: file.open },
		file.md5,
	);
	let data: IDataObject;
	try {
		data = await businessRequest.call(this, {
			method: 'POST',
			path: kind.uploadPath,
			body,
			idempotent: false,
			itemIndex,
			timeoutMs: chunkTimeoutMs(file.size, requestTimeoutMs.call(this, itemIndex)),
		});
	} catch (error) {
		throw mayHaveBeenUploaded(error, kind.noun, fileName);
	}
	// An image answer is the image; a video answer is a list of one video (BUBUBA ad_upload.go AdUploadResponse).
	const uploaded = (Array.isArray(data) ? data[0] : data) as IDataObject | undefined;
	if (!uploaded || typeof uploaded !== 'object' || uploaded[kind.idKey] === undefined) {
		throw new NodeOperationError(node, `TikTok did not return the ${kind.idKey} of the uploaded ${kind.noun} "${fileName}"`, {
			itemIndex,
			description: `The ${kind.noun} may be in the library: running the node again returns it without uploading it twice.`,
		});
	}
	return { ...stringifyIds(uploaded), already_in_library: false };
}
