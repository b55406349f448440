import type { INodeProperties } from 'n8n-workflow';

/** Instant form picker: the chosen advertiser's forms (searchable by title or ID), or an ID. */
export const formRLC: INodeProperties = {
	displayName: 'Instant Form',
	name: 'formId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The instant form (lead form) of the advertiser',
	hint: "From List shows the chosen advertiser's instant forms: choose the Advertiser first",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select an instant form...',
			typeOptions: {
				searchListMethod: 'searchLeadForms',
				searchable: true,
			},
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 7400000000000000101',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*\\d{1,20}\\s*$',
						errorMessage: 'Not a valid TikTok form ID (digits only)',
					},
				},
			],
		},
	],
};
