import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * AI Agent use. n8n turns every `usableAsTool` node into a `<name>Tool` variant (packages/cli/src/tool-generation/
 * ai-tools.ts) whose parameters can be left to the model with `$fromAI()`. Display option `@tool` is true in that
 * variant only (n8n-workflow node-helpers `getPropertyValues`).
 */
const IN_TOOL = { '@tool': [true] };

/**
 * n8n's editor offers "Let the model define this parameter" on every parameter except those of type `options`
 * (editor-ui fromAIOverride.utils.ts `PROP_TYPE_DENYLIST`). For a choice the model should make, the tool variant
 * shows the same parameter (same name, same stored value) as text listing the allowed values; the node checks the
 * value with `readChoice`.
 */
export function modelSettable(property: INodeProperties): INodeProperties[] {
	const values = ((property.options ?? []) as INodePropertyOptions[]).map((o) => String(o.value));
	const show = property.displayOptions?.show ?? {};
	const hide = property.displayOptions?.hide ?? {};
	const text: INodeProperties = { ...property, type: 'string' };
	delete text.options;
	return [
		{ ...property, displayOptions: { show, hide: { ...hide, ...IN_TOOL } } },
		{
			...text,
			placeholder: `e.g. ${String(property.default)}`,
			description: `${property.description ?? ''} One of: ${values.join(', ')}.`.trim(),
			displayOptions: { show: { ...show, ...IN_TOOL }, ...(Object.keys(hide).length ? { hide } : {}) },
		},
	];
}

/** A choice parameter's value, checked against its allowed values (an expression or the model may give anything). */
export function readChoice(
	this: IExecuteFunctions,
	name: string,
	displayName: string,
	allowed: readonly string[],
	itemIndex: number,
	fallback?: string,
): string {
	const raw = this.getNodeParameter(name, itemIndex, fallback);
	const value = typeof raw === 'string' ? raw.trim() : raw;
	if (typeof value !== 'string' || !allowed.includes(value)) {
		throw new NodeOperationError(
			this.getNode(),
			`The "${displayName}" parameter must be one of ${allowed.join(', ')}; got "${String(raw ?? '').slice(0, 40)}"`,
			{ itemIndex },
		);
	}
	return value;
}

/** The node option with which a workflow author lets an agent run destructive operations (off: withheld). */
export const allowDestructiveProperty: INodeProperties = {
	displayName: 'Allow Destructive Operations',
	name: 'allowDestructiveOperations',
	type: 'boolean',
	default: false,
	displayOptions: { show: IN_TOOL },
	description:
		'Whether the AI agent may run operations that cannot be undone or that can change anything: deleting an ad, ad group or campaign (irreversible) and API calls other than GET. Off, such a call is refused before anything is sent to TikTok.',
};

/** Whether this run is an AI agent calling the node as a tool. */
export function isAgentCall(this: IExecuteFunctions): boolean {
	const context = this as IExecuteFunctions & { isToolExecution?: () => boolean };
	if (typeof context.isToolExecution === 'function' && context.isToolExecution()) return true;
	// n8n versions without isToolExecution: the tool variant's type name ends with "Tool".
	return this.getNode().type.endsWith('Tool');
}

/**
 * Refuses, before any request, a destructive operation an agent asked for when the workflow author has not allowed
 * destructive operations (the default). `what` says what was refused, e.g. "delete an ad".
 */
export function refuseIfWithheld(this: IExecuteFunctions, itemIndex: number, what: string): void {
	if (!isAgentCall.call(this)) return;
	if (this.getNodeParameter('allowDestructiveOperations', itemIndex, false) === true) return;
	throw new NodeOperationError(this.getNode(), `Not allowed to ${what}: this tool withholds destructive operations from the AI agent`, {
		itemIndex,
		description:
			'The workflow author has not switched on "Allow Destructive Operations" on this tool. Nothing was sent to TikTok.',
	});
}
