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
			displayOptions: {
				show: { ...show, ...IN_TOOL },
				...(Object.keys(hide).length ? { hide } : {}),
			},
		},
	];
}

/**
 * The same for choices inside a collection (the Campaigns / Ad Groups filters of the searches): in the tool variant
 * the collection shows each of `names` as text of IDs separated by commas, which the node reads as it reads a
 * multi-select's IDs (`parseIdFilter`). Outside the tool nothing changes.
 */
export function modelSettableIn(
	collection: INodeProperties,
	names: readonly string[],
): INodeProperties[] {
	const show = collection.displayOptions?.show ?? {};
	const hide = collection.displayOptions?.hide ?? {};
	const options = ((collection.options ?? []) as INodeProperties[]).map((option) => {
		if (!names.includes(option.name)) return option;
		const text: INodeProperties = {
			...option,
			type: 'string',
			default: '',
			placeholder: 'e.g. 1800000000000000001, 1800000000000000002',
		};
		delete text.options;
		delete text.typeOptions;
		return {
			...text,
			displayName: option.displayName.replace(' Names or IDs', ' IDs'),
			description: 'IDs separated by commas (up to 100)',
		};
	});
	return [
		{ ...collection, displayOptions: { show, hide: { ...hide, ...IN_TOOL } } },
		{
			...collection,
			options,
			displayOptions: {
				show: { ...show, ...IN_TOOL },
				...(Object.keys(hide).length ? { hide } : {}),
			},
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

/**
 * What an operation can do besides reading, per call (README "Use with AI agents" table). Every operation declares its
 * effects in the registry (actions/registry.ts); an operation with none only reads.
 * - `write`: changes something that can be changed back (a pause, a name, a lower budget, a draft, an upload);
 * - `spend`: can make TikTok spend the advertiser's money (enabling, creating something that starts enabled, a higher
 *   budget or bid);
 * - `public`: makes something public on a creator's TikTok account (a Direct Post not "Only Me");
 * - `irreversible`: cannot be undone (deleting; API calls other than GET, which can do anything).
 */
export type Effect = 'write' | 'spend' | 'public' | 'irreversible';

/** The effects an AI agent may only have when the workflow author switched them on, and each one's switch. */
export const AGENT_SWITCHES = {
	irreversible: {
		name: 'allowDestructiveOperations',
		displayName: 'Allow Destructive Operations',
		withheld: 'destructive operations',
		description:
			'Whether the AI agent may run operations that cannot be undone or that can change anything: deleting an ad, ad group or campaign (irreversible) and API calls other than GET. Off, such a call is refused before anything is sent to TikTok.',
	},
	spend: {
		name: 'allowSpending',
		displayName: 'Allow Spending',
		withheld: 'spending money',
		description:
			'Whether the AI agent may make TikTok spend money: enable an ad, ad group or campaign, create one that starts enabled, or raise a budget or bid above its current value. Off, such a call is refused before anything is written to TikTok; pausing and lowering a budget or bid stay allowed.',
	},
	public: {
		name: 'allowPublishing',
		displayName: 'Allow Public Posting',
		withheld: 'public posting',
		description:
			'Whether the AI agent may publish a Direct Post (video or photos) that others can see, i.e. with a privacy level other than "Only Me". TikTok posts cannot be deleted through the API. Off, such a post is refused before anything is sent; drafts to the inbox and "Only Me" posts stay allowed.',
	},
} as const;

export type GuardedEffect = keyof typeof AGENT_SWITCHES;

/** The author switches beside the node's parameters, shown only in the tool variant, all off by default. */
export const agentSwitchProperties: INodeProperties[] = (
	Object.keys(AGENT_SWITCHES) as GuardedEffect[]
).map((effect) => {
	const { displayName, name, description } = AGENT_SWITCHES[effect];
	return {
		displayName,
		name,
		type: 'boolean',
		default: false,
		displayOptions: { show: IN_TOOL },
		description,
	};
});

/** Whether this run is an AI agent calling the node as a tool. */
export function isAgentCall(this: IExecuteFunctions): boolean {
	const context = this as IExecuteFunctions & { isToolExecution?: () => boolean };
	if (typeof context.isToolExecution === 'function' && context.isToolExecution()) return true;
	// n8n versions without isToolExecution: the tool variant's type name ends with "Tool".
	return this.getNode().type.endsWith('Tool');
}

/**
 * THE guard of agent calls: refuses, before anything is written, a call with a guarded `effect` that an agent asked
 * for when the workflow author has not switched that effect on (the default). `what` says what was refused, e.g.
 * "enable a campaign". Outside an agent (a normal workflow run) it does nothing.
 */
export function refuseUnlessAllowed(
	this: IExecuteFunctions,
	itemIndex: number,
	effect: GuardedEffect,
	what: string,
): void {
	if (!isAgentCall.call(this)) return;
	const guard = AGENT_SWITCHES[effect];
	if (this.getNodeParameter(guard.name, itemIndex, false) === true) return;
	throw new NodeOperationError(
		this.getNode(),
		`Not allowed to ${what}: this tool withholds ${guard.withheld} from the AI agent. The workflow author must switch on "${guard.displayName}" on this tool to allow it`,
		{ itemIndex, description: 'Nothing was written to TikTok.' },
	);
}

/**
 * What a tool call returns to the model (n8n's AI-tool output guideline: simplified / raw / selected fields), so a
 * model is not handed forty fields per item. Shown only in the tool variant; `operation` (the default) is what the node
 * returned before there was a choice, so saved tool workflows keep their output. Read by the one Simplify
 * (helpers/simplify.ts `wantsSimplified`, `selectAgentFields`), applied by the router.
 */
export const AGENT_OUTPUT_MODES = ['operation', 'simplified', 'raw', 'selected'] as const;
export type AgentOutputMode = (typeof AGENT_OUTPUT_MODES)[number];

export const agentOutputProperties: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'agentOutput',
		type: 'options',
		noDataExpression: true,
		default: 'operation',
		displayOptions: { show: IN_TOOL },
		options: [
			{
				name: 'As the Operation Returns It',
				value: 'operation',
				description:
					"Get and Get Many items simplified when the operation's Simplify is on (its default); every other operation as it is",
			},
			{
				name: 'Simplified',
				value: 'simplified',
				description:
					"Get and Get Many items cut to the fields a person reads first (at most 12), whatever the operation's Simplify says",
			},
			{ name: 'Raw', value: 'raw', description: 'Everything TikTok returns' },
			{
				name: 'Selected Fields',
				value: 'selected',
				description: 'Only the fields listed in Fields to Return',
			},
		],
		description:
			'What the AI agent gets back from a call: fewer fields cost the model less and keep it on track',
	},
	{
		displayName: 'Fields to Return',
		name: 'agentOutputFields',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. campaign_id, campaign_name, budget, metrics.spend',
		displayOptions: { show: { ...IN_TOOL, agentOutput: ['selected'] } },
		description:
			'Field names separated by commas; a dotted path (metrics.spend) takes a field inside an object. Fields an item does not have are left out.',
	},
];

/** The tool's output mode for item `itemIndex`; outside an agent call always `operation` (nothing changes). */
export function agentOutputMode(this: IExecuteFunctions, itemIndex: number): AgentOutputMode {
	if (!isAgentCall.call(this)) return 'operation';
	return readChoice.call(
		this,
		'agentOutput',
		'Output',
		AGENT_OUTPUT_MODES,
		itemIndex,
		'operation',
	) as AgentOutputMode;
}

/** The field names (or dotted paths) of "Fields to Return"; refused, naming the field, when there is none. */
export function agentOutputFields(this: IExecuteFunctions, itemIndex: number): string[] {
	const raw = this.getNodeParameter('agentOutputFields', itemIndex, '');
	const fields = [
		...new Set(
			String(raw ?? '')
				.split(',')
				.map((f) => f.trim())
				.filter(Boolean),
		),
	];
	const bad = fields.find((f) => f.split('.').some((part) => part === ''));
	if (fields.length === 0 || bad !== undefined) {
		throw new NodeOperationError(
			this.getNode(),
			bad !== undefined
				? `The "Fields to Return" parameter holds "${bad.slice(0, 40)}", which is not a field name or dotted path`
				: 'The "Fields to Return" parameter is empty: list the fields the agent should get, separated by commas',
			{ itemIndex, description: 'Nothing was sent to TikTok.' },
		);
	}
	return fields;
}
