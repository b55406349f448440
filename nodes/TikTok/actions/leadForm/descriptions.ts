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
