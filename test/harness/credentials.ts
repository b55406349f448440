import type {
	ICredentialDataDecryptedObject,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';

/**
 * n8n-nodes-base's `oAuth2Api` properties (packages/nodes-base/credentials/OAuth2Api.credentials.ts), which
 * `tikTokOAuth2Api` extends. The CLI merges them under the child's properties; so do we.
 */
const OAUTH2_API_PROPERTIES: INodeProperties[] = [
	{ displayName: 'Grant Type', name: 'grantType', type: 'options', options: [], default: 'authorizationCode' },
	{ displayName: 'Authorization URL', name: 'authUrl', type: 'string', default: '' },
	{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'string', default: '' },
	{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '' },
	{ displayName: 'Client Secret', name: 'clientSecret', type: 'string', typeOptions: { password: true }, default: '' },
	{ displayName: 'Scope', name: 'scope', type: 'string', default: '' },
	{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'string', default: '' },
	{ displayName: 'Authentication', name: 'authentication', type: 'options', options: [], default: 'header' },
	{ displayName: 'Send Additional Body Properties', name: 'sendAdditionalBodyProperties', type: 'boolean', default: false },
	{ displayName: 'Additional Body Properties', name: 'additionalBodyProperties', type: 'json', default: '' },
	{ displayName: 'Ignore SSL Issues', name: 'ignoreSSLIssues', type: 'boolean', default: false },
];

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

/**
 * Resolves credentials the way n8n's server does (packages/cli/src/credentials-helper.ts): stored data merged with
 * the type's defaults (parents first, for `extends`), hidden `={{…}}` defaults evaluated with `$self`, function and
 * generic `authenticate`, `preAuthentication` run when the expirable field is empty (and its output persisted), and
 * OAuth2 token data persisted after a refresh. Every stored change is recorded in `updates`.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	readonly store = new Map<string, StoredCredential>();

	readonly updates: Array<{ id: string; type: string; data: ICredentialDataDecryptedObject }> = [];

	constructor(
		private readonly credentialTypes: Map<string, ICredentialType>,
		private readonly nodeTypes: INodeTypes,
	) {
		super();
	}

	add(credential: StoredCredential) {
		this.store.set(credential.id, { ...credential, data: { ...credential.data } });
	}

	get(id: string): StoredCredential | undefined {
		return this.store.get(id);
	}

	getParentTypes(name: string): string[] {
		const type = this.credentialTypes.get(name);
		const parents = type?.extends ?? [];
		return parents.flatMap((p) => [p, ...this.getParentTypes(p)]);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		if (type === 'oAuth2Api') {
			return [
				...OAUTH2_API_PROPERTIES,
				{ displayName: 'oauthTokenData', name: 'oauthTokenData', type: 'json', required: false, default: {} },
			];
		}
		const credentialType = this.credentialTypes.get(type);
		if (!credentialType) throw new Error(`Unknown credential type ${type}`);
		if (!credentialType.extends) return credentialType.properties;
		const combined: INodeProperties[] = [];
		for (const parent of credentialType.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const credentialType = this.credentialTypes.get(typeName);
		const authenticate = credentialType?.authenticate;
		if (!authenticate) return requestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate.type === 'generic') {
			const options = requestOptions as unknown as Record<string, Record<string, unknown>>;
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(outerValue as Record<string, unknown>)) {
					const resolve = (v: unknown) =>
						workflow.expression.getSimpleParameterValue(node, v as string, 'internal', { $credentials: credentials }, undefined, v as string);
					options[outerKey] = options[outerKey] ?? {};
					options[outerKey][String(resolve(key))] = resolve(value);
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.get(typeName);
		const expirable = credentialType?.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof credentialType?.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		// n8n types what preAuthentication returns as IDataObject: it is credential data.
		const output = (await credentialType.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
		if (output[expirable.name] === undefined) return undefined;
		const details = node.credentials?.[typeName];
		if (details?.id) {
			const stored = this.store.get(details.id);
			if (stored) {
				// As the CLI: the expirable key always, other keys unless their stored value is an expression.
				const persisted: ICredentialDataDecryptedObject = {};
				for (const [key, value] of Object.entries(output)) {
					const storedValue = stored.data[key];
					if (key === expirable.name || !(typeof storedValue === 'string' && storedValue.startsWith('='))) {
						persisted[key] = value;
					}
				}
				stored.data = { ...stored.data, ...persisted };
				this.updates.push({ id: details.id, type: typeName, data: persisted });
			}
		}
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.get(typeName);
		if (typeof credentialType?.preAuthentication !== 'function') return undefined;
		return (await credentialType.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		_mode: WorkflowExecuteMode,
		_executeData?: unknown,
		raw?: boolean,
		// eslint-disable-next-line @typescript-eslint/no-unused-vars -- n8n's signature, unused here
		_expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = nodeCredentials.id ? this.store.get(nodeCredentials.id) : undefined;
		if (!stored || stored.type !== type) {
			throw new Error(`Credential ${nodeCredentials.id ?? nodeCredentials.name} of type ${type} is not set up in the test`);
		}
		const original = JSON.parse(JSON.stringify(stored.data)) as ICredentialDataDecryptedObject;
		if (raw) return original;
		return this.applyDefaultsAndExpressions(original, type);
	}

	/** Defaults of every property, then hidden `={{…}}` defaults resolved with `$self`, as the CLI does. */
	applyDefaultsAndExpressions(data: ICredentialDataDecryptedObject, type: string): ICredentialDataDecryptedObject {
		const properties = this.getCredentialsProperties(type);
		// As the CLI (credentials-helper.ts), which hands credential data to the node-parameter helpers as parameters.
		const withDefaults = NodeHelpers.getNodeParameters(properties, data as unknown as INodeParameters, true, false, null, null) ?? {};
		const decrypted = { ...(withDefaults as ICredentialDataDecryptedObject) };
		if (data.oauthTokenData !== undefined) decrypted.oauthTokenData = data.oauthTokenData;
		const mockNode: INode = {
			id: 'credential-resolver',
			name: 'Credential Resolver',
			type: 'n8n-nodes-tiktok-suite.tikTok',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
		const workflow = new Workflow({ nodes: [mockNode], connections: {}, active: false, nodeTypes: this.nodeTypes });
		return workflow.expression.getComplexParameterValue(
			mockNode,
			decrypted as unknown as INodeParameters,
			'internal',
			{},
			undefined,
			undefined,
			decrypted,
		) as ICredentialDataDecryptedObject;
	}

	async getCredentials(): Promise<never> {
		throw new Error('getCredentials is not used by the test harness');
	}

	async updateCredentials(nodeCredentials: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject) {
		const stored = nodeCredentials.id ? this.store.get(nodeCredentials.id) : undefined;
		if (stored) {
			stored.data = { ...data };
			this.updates.push({ id: stored.id, type, data: { ...data } });
		}
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	) {
		const stored = nodeCredentials.id ? this.store.get(nodeCredentials.id) : undefined;
		if (stored) {
			stored.data = { ...stored.data, oauthTokenData: data.oauthTokenData };
			this.updates.push({ id: stored.id, type, data: { oauthTokenData: data.oauthTokenData } });
		}
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}
}
