import type {
	IExecuteFunctions,
	INodeCredentialDescription,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import * as ad from './ad/Ad.resource';
import * as adGroup from './adGroup/AdGroup.resource';
import * as adReport from './adReport/AdReport.resource';
import * as advertiser from './advertiser/Advertiser.resource';
import * as apiCall from './apiCall/ApiCall.resource';
import * as campaign from './campaign/Campaign.resource';
import * as creative from './creative/Creative.resource';
import * as event from './event/Event.resource';
import { AUTHENTICATION_VALUES } from './event/send.description';
import { EVENTS_CREDENTIALS } from './event/track';
import * as lead from './lead/Lead.resource';
import * as leadForm from './leadForm/LeadForm.resource';
import * as post from './post/Post.resource';
import * as sound from './sound/Sound.resource';
import * as user from './user/User.resource';
import * as video from './video/Video.resource';
import type { NodeMap } from './node.type';
import type { Effect } from '../helpers/tool';
import { BUSINESS_CREDENTIALS, DEVELOPERS_CREDENTIALS } from '../transport';

/**
 * What an operation does at TikTok, for the AI-agent tool guard: `read` changes nothing; `write` changes or records
 * something that costs nothing and is not public (e.g. sending conversion events). Operations that do not declare it
 * are classified by the guard itself.
 */
export type OperationEffect = 'read' | 'write';

/** One operation module (`actions/<resource>/<operation>.operation.ts`): it handles pairing and continueOnFail. */
export type Operation = {
	execute: (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;
	/** What the operation does at TikTok (see OperationEffect). */
	effect?: OperationEffect;
};

/** The credential types the TikTok node can ask for, in the order the editor lists them. */
export const NODE_CREDENTIALS = [BUSINESS_CREDENTIALS, DEVELOPERS_CREDENTIALS, EVENTS_CREDENTIALS] as const;
export type CredentialName = (typeof NODE_CREDENTIALS)[number];

/**
 * Which credential a resource's operations use:
 * - one credential for every operation;
 * - `{ operation }`: per operation (`null`: the operation needs none, e.g. Video → Get Embed);
 * - `{ parameter, values }`: chosen by a parameter of the resource (API Call's `api`), value → credential.
 */
export type CredentialRule<Op extends string> =
	| CredentialName
	| { readonly operation: { readonly [K in Op]: CredentialName | null } }
	| { readonly parameter: string; readonly values: Readonly<Record<string, CredentialName>> };

export type ResourceEntry<Op extends string> = {
	/** The name in the Resource dropdown. */
	readonly displayName: string;
	/** `actions/<resource>/<Resource>.resource.ts`: its parameters and one export per operation. */
	readonly module: { readonly description: INodeProperties[] } & { readonly [K in Op]: Operation };
	readonly credential: CredentialRule<Op>;
	/**
	 * What each operation can do besides reading (helpers/tool.ts `Effect`; none: it only reads). Every guarded effect
	 * (`spend`, `public`, `irreversible`) is refused to an AI agent by `refuseUnlessAllowed` unless the author switched
	 * it on; a new operation must declare its effects here (a missing one is a compile error), and the README's agent
	 * table lists them (checked by test/foundation/registry.test.ts).
	 */
	readonly effects: { readonly [K in Op]: readonly Effect[] };
};

/** Effects of an operation that can enable, pause or delete its entity. */
const STATUS_EFFECTS: readonly Effect[] = ['write', 'spend', 'irreversible'];

/**
 * THE list of the node's resources. Adding a resource is one entry here plus its folder; its operations are typed by
 * `NodeMap` (node.type.ts), so a missing or misspelled operation is a compile error. The Resource dropdown, the
 * node's parameters, the router and the credential `displayOptions` are all derived from it.
 */
export const registry: { readonly [R in keyof NodeMap]: ResourceEntry<NodeMap[R]> } = {
	ad: {
		displayName: 'Ad',
		module: ad,
		credential: BUSINESS_CREDENTIALS,
		effects: { create: ['write', 'spend'], get: [], getMany: [], update: ['write'], updateStatus: STATUS_EFFECTS },
	},
	adGroup: {
		displayName: 'Ad Group',
		module: adGroup,
		credential: BUSINESS_CREDENTIALS,
		effects: { create: ['write', 'spend'], get: [], getMany: [], update: ['write', 'spend'], updateStatus: STATUS_EFFECTS },
	},
	adReport: { displayName: 'Ad Report', module: adReport, credential: BUSINESS_CREDENTIALS, effects: { getMany: [] } },
	advertiser: {
		displayName: 'Advertiser',
		module: advertiser,
		credential: BUSINESS_CREDENTIALS,
		effects: { get: [], getMany: [] },
	},
	apiCall: {
		displayName: 'API Call',
		module: apiCall,
		credential: {
			parameter: 'api',
			values: { business: BUSINESS_CREDENTIALS, developers: DEVELOPERS_CREDENTIALS },
		},
		// Anything but GET can do anything, so it is governed as irreversible.
		effects: { make: ['irreversible'] },
	},
	campaign: {
		displayName: 'Campaign',
		module: campaign,
		credential: BUSINESS_CREDENTIALS,
		effects: { create: ['write', 'spend'], get: [], getMany: [], update: ['write', 'spend'], updateStatus: STATUS_EFFECTS },
	},
	creative: {
		displayName: 'Creative',
		module: creative,
		credential: BUSINESS_CREDENTIALS,
		// Files into the ad account's library: a write that neither spends nor publishes.
		effects: { uploadImage: ['write'], uploadVideo: ['write'] },
	},
	event: {
		displayName: 'Event',
		module: event,
		credential: {
			parameter: 'authentication',
			values: { [AUTHENTICATION_VALUES.business]: BUSINESS_CREDENTIALS, [AUTHENTICATION_VALUES.eventsApi]: EVENTS_CREDENTIALS },
		},
		// Sends conversions to TikTok: a write that neither spends nor publishes (TikTok deduplicates on event_id).
		effects: { send: ['write'] },
	},
	leadForm: { displayName: 'Instant Form', module: leadForm, credential: BUSINESS_CREDENTIALS, effects: { get: [], getMany: [] } },
	lead: { displayName: 'Lead', module: lead, credential: BUSINESS_CREDENTIALS, effects: { getMany: [] } },
	post: {
		displayName: 'Post',
		module: post,
		credential: DEVELOPERS_CREDENTIALS,
		effects: { publishVideo: ['write', 'public'], uploadVideoDraft: ['write'], publishPhotos: ['write', 'public'], getStatus: [] },
	},
	sound: { displayName: 'Sound', module: sound, credential: BUSINESS_CREDENTIALS, effects: { upload: ['write'] } },
	user: { displayName: 'User', module: user, credential: DEVELOPERS_CREDENTIALS, effects: { get: [], getCreatorInfo: [] } },
	video: {
		displayName: 'Video',
		module: video,
		credential: { operation: { getMany: DEVELOPERS_CREDENTIALS, getEmbed: null } },
		effects: { getMany: [], getEmbed: [] },
	},
};

export type ResourceName = keyof NodeMap;

/** The registry's resources in registry order (the Resource dropdown is sorted by display name, as n8n's lint wants). */
export const resourceNames = Object.keys(registry) as ResourceName[];

function entryOf(resource: ResourceName): ResourceEntry<string> {
	return registry[resource] as unknown as ResourceEntry<string>;
}

/** The operation names of a resource: its module's exports other than `description`. */
export function operationsOf(resource: ResourceName): string[] {
	return Object.keys(entryOf(resource).module).filter((name) => name !== 'description');
}

/** What `resource`'s `operation` can do besides reading (empty: it only reads). */
export function effectsOf(resource: ResourceName, operation: string): readonly Effect[] {
	return (entryOf(resource).effects as Record<string, readonly Effect[]>)[operation] ?? [];
}

/** The operation of `resource` called `operation`, or undefined when there is none. */
export function findOperation(resource: string, operation: string): Operation | undefined {
	if (!Object.prototype.hasOwnProperty.call(registry, resource)) return undefined;
	const module = entryOf(resource as ResourceName).module as unknown as Record<string, unknown>;
	if (operation === 'description' || !Object.prototype.hasOwnProperty.call(module, operation)) return undefined;
	const handler = module[operation] as Operation | undefined;
	return typeof handler?.execute === 'function' ? handler : undefined;
}

/** Every credential `resource`'s `operation` may use (more than one only where a parameter chooses). */
function credentialsUsedBy(rule: CredentialRule<string>, operation: string): Array<CredentialName | null> {
	if (typeof rule === 'string') return [rule];
	if ('operation' in rule) return [rule.operation[operation] ?? null];
	return Object.values(rule.values);
}

/**
 * The node's `credentials`, each shown for exactly the operations that use it. n8n shows a credential unless one of
 * its `hide` rules matches (rules on different parameters are OR-ed; a parameter the node does not currently have is
 * skipped), so each credential is hidden:
 * - on every resource none of whose operations use it;
 * - on the operations (by name) of a per-operation resource that use another credential or none;
 * - on the values of a choosing parameter that select another credential.
 * Operation names are shared between resources ("get", "getMany"), so hiding an operation by name must not hide the
 * credential on another resource that uses it for an operation of that name: that is checked here, at load.
 */
export function nodeCredentials(): INodeCredentialDescription[] {
	return NODE_CREDENTIALS.map((credential) => {
		const hiddenResources: string[] = [];
		const hiddenOperations = new Set<string>();
		const hiddenValues: Record<string, Set<string>> = {};
		for (const resource of resourceNames) {
			const rule = entryOf(resource).credential;
			const operations = operationsOf(resource);
			const uses = operations.some((operation) => credentialsUsedBy(rule, operation).includes(credential));
			if (!uses) {
				hiddenResources.push(resource);
				continue;
			}
			if (typeof rule === 'string') continue;
			if ('operation' in rule) {
				for (const operation of operations) {
					if (rule.operation[operation] !== credential) hiddenOperations.add(operation);
				}
			} else {
				for (const [value, chosen] of Object.entries(rule.values)) {
					if (chosen !== credential) (hiddenValues[rule.parameter] ??= new Set()).add(value);
				}
			}
		}
		for (const resource of resourceNames) {
			if (hiddenResources.includes(resource)) continue;
			const rule = entryOf(resource).credential;
			for (const operation of operationsOf(resource)) {
				if (hiddenOperations.has(operation) && credentialsUsedBy(rule, operation).includes(credential)) {
					throw new Error(
						`registry: ${credential} cannot be hidden on operation "${operation}" by name: ${resource}.${operation} uses it. Rename one of the operations.`,
					);
				}
			}
		}
		const hide: Record<string, string[]> = {};
		if (hiddenResources.length > 0) hide.resource = hiddenResources;
		if (hiddenOperations.size > 0) hide.operation = [...hiddenOperations];
		for (const [parameter, values] of Object.entries(hiddenValues)) hide[parameter] = [...values];
		return {
			name: credential,
			required: true,
			...(Object.keys(hide).length > 0 ? { displayOptions: { hide } } : {}),
		};
	});
}

/** The Resource dropdown, sorted by display name, defaulting to Ad. */
export function resourceProperty(): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resourceNames
			.map((resource) => ({ name: registry[resource].displayName, value: resource }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: 'ad',
	};
}

/** Every resource's parameters, in registry order. */
export function resourceProperties(): INodeProperties[] {
	const properties: INodeProperties[] = [];
	for (const resource of resourceNames) {
		for (const property of registry[resource].module.description) properties.push(property);
	}
	return properties;
}
