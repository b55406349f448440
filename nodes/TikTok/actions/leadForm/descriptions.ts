import type { INodeProperties } from 'n8n-workflow';

import { idLocator } from '../common.descriptions';

/** Instant form picker: the chosen advertiser's forms (searchable by title or ID), or an ID. */
export const formRLC = idLocator({
	displayName: 'Instant Form',
	name: 'formId',
	noun: 'instant form',
	searchListMethod: 'searchLeadForms',
	description: 'The instant form (lead form) of the advertiser',
	example: '7400000000000000101',
	hint: "From List shows the chosen advertiser's instant forms: choose the Advertiser first",
});

/** The Form Library ID option: for forms moved to a Business Center form library (sent as `library_id`). */
export const formLibraryOption: INodeProperties = {
	displayName: 'Form Library ID',
	name: 'libraryId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 7300000000000000001',
	description:
		"The Business Center form library holding the form. Once forms move to a library, TikTok wants the library's ID in place of the advertiser's.",
};
