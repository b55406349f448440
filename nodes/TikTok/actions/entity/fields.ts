import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { EntityKind } from '../../helpers/entities';

/** Field names as editor options (`bid_price` → "Bid Price"). */
export function fieldOptionsOf(names: string[]): INodePropertyOptions[] {
	return names
		.map((value) => ({
			name: value
				.split('_')
				.map((w) => (w === 'id' ? 'ID' : w === 'ids' ? 'IDs' : w.charAt(0).toUpperCase() + w.slice(1)))
				.join(' '),
			value,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The Options collection with the Fields option of a Get / Get Many. */
export function fieldsOptionsProperty(kind: EntityKind, what: string): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Fields',
				name: 'fields',
				type: 'multiOptions',
				options: kind.fieldOptions,
				default: [],
				description: `${what} fields to return (overrides Simplify). The ID is always included.`,
			},
		],
	};
}
