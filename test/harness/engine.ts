/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type {
	ICredentialType,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IPollFunctions,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { NodeHelpers, Workflow, createRunExecutionData } from 'n8n-workflow';

import type { StoredCredential } from './credentials';
import { TestCredentialsHelper } from './credentials';
import './regex';

// n8n writes its instance settings under N8N_USER_FOLDER: keep them out of the home folder.
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-tiktok-test-'));
}
process.env.N8N_ENCRYPTION_KEY = process.env.N8N_ENCRYPTION_KEY ?? 'test-encryption-key';
// n8n-core logs every node error; the tests assert on them instead.
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL ?? 'silent';

// Imported after the environment is set: n8n-core reads it when its modules load.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const core = require('n8n-core') as typeof import('n8n-core');

/**
 * n8n-core starts a process-wide `SSHClientsManager` the first time a node runs, with a 60-second cleanup interval
 * (unref'd) that n8n clears only when the process shuts down. Under jest every test file loads its own copy of
 * n8n-core, and that interval keeps the file's whole module registry alive: a worker then grows by every file it
 * runs, and its heap takes long enough to tear down at exit that jest reports "A worker process has failed to exit
 * gracefully". So when a test file is done, shut the manager down, as n8n does on shutdown.
 */
export function shutdownEngine(): void {
	/* eslint-disable @typescript-eslint/no-require-imports */
	const { Container } = require('@n8n/di') as typeof import('@n8n/di');
	const { SSHClientsManager } =
		require('n8n-core/dist/execution-engine/ssh-clients-manager') as typeof import('n8n-core/dist/execution-engine/ssh-clients-manager');
	/* eslint-enable @typescript-eslint/no-require-imports */
	Container.get(SSHClientsManager).onShutdown();
}
// Under jest, after each test file. Outside jest (`npm run bench`) there is no `afterAll`: the caller shuts down.
if (typeof afterAll === 'function') afterAll(shutdownEngine);

export const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-tiktok-suite';
export const NODE_TYPE = `${PACKAGE_NAME}.tikTok`;
export const TRIGGER_TYPE = `${PACKAGE_NAME}.tikTokTrigger`;

export interface LoadedPackage {
	loader: InstanceType<typeof core.PackageDirectoryLoader>;
	nodeTypes: INodeTypes;
	credentialTypes: Map<string, ICredentialType>;
}

let loaded: Promise<LoadedPackage> | undefined;

/**
 * Loads the BUILT package (dist/) with n8n-core's PackageDirectoryLoader, which reads package.json's `n8n` section,
 * requires each listed file, checks class names against file names and resolves icons: as n8n does for a package
 * installed through Community Nodes.
 */
export async function loadPackage(): Promise<LoadedPackage> {
	loaded ??= (async () => {
		const loader = new core.PackageDirectoryLoader(PACKAGE_ROOT);
		await loader.loadAll();
		const typeOf = (name: string): INodeType | IVersionedNodeType => {
			const short = name.startsWith(`${PACKAGE_NAME}.`) ? name.slice(PACKAGE_NAME.length + 1) : name;
			return loader.getNode(short).type;
		};
		const nodeTypes: INodeTypes = {
			getByName: (name) => typeOf(name),
			getByNameAndVersion: (name, version) => NodeHelpers.getVersionedNodeType(typeOf(name), version),
			getKnownTypes: () => loader.known.nodes,
		};
		const credentialTypes = new Map<string, ICredentialType>();
		for (const name of Object.keys(loader.known.credentials)) {
			credentialTypes.set(name, loader.getCredential(name).type);
		}
		return { loader, nodeTypes, credentialTypes };
	})();
	return await loaded;
}

export interface RunOptions {
	nodes: INode[];
	connections?: IConnections;
	credentials?: StoredCredential[];
	/** The node the execution starts at (default: the first). */
	startNode?: string;
	/** Items handed to the start node. */
	input?: INodeExecutionData[];
	staticData?: IDataObject;
	/** Reuse a credentials helper (and so its stored, persisted credentials) across runs. */
	credentialsHelper?: TestCredentialsHelper;
	/** Node types from outside the package (full type name → type), e.g. a stand-in for an n8n-nodes-base node. */
	extraNodeTypes?: Record<string, INodeType>;
	/** Called once the execution runs, with what n8n's "Stop execution" does (cancels the running execution). */
	onStarted?: (cancel: () => void) => void;
	/** The execution's ID (default `test-execution`); n8n gives every execution its own. */
	executionId?: string;
}

export interface RunResult {
	run: IRun;
	workflow: Workflow;
	credentialsHelper: TestCredentialsHelper;
	/** Output items of a node's first run (main output 0). */
	output(nodeName?: string): INodeExecutionData[];
	/** The execution's error, if it failed. */
	error: IRun['data']['resultData']['error'];
}

export async function createCredentialsHelper(credentials: StoredCredential[] = []): Promise<TestCredentialsHelper> {
	const { credentialTypes, nodeTypes } = await loadPackage();
	const helper = new TestCredentialsHelper(credentialTypes, nodeTypes);
	for (const credential of credentials) helper.add(credential);
	return helper;
}

export function createAdditionalData(
	credentialsHelper: TestCredentialsHelper,
	hooks?: InstanceType<typeof core.ExecutionLifecycleHooks>,
	executionId = 'test-execution',
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper,
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678',
		formBaseUrl: 'http://127.0.0.1:5678/form',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
		variables: {},
		logAiEvent: () => {},
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not used in these tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: async () => {
			throw new Error('Task runners are not used in these tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** Runs a workflow through n8n-core's WorkflowExecute (manual mode), as the editor's "Execute workflow" does. */
export async function runWorkflow(options: RunOptions): Promise<RunResult> {
	const { nodeTypes: packageNodeTypes } = await loadPackage();
	const extra = options.extraNodeTypes ?? {};
	const nodeTypes: INodeTypes = {
		getByName: (name) => extra[name] ?? packageNodeTypes.getByName(name),
		getByNameAndVersion: (name, version) => extra[name] ?? packageNodeTypes.getByNameAndVersion(name, version),
		getKnownTypes: () => packageNodeTypes.getKnownTypes(),
	};
	const credentialsHelper = options.credentialsHelper ?? (await createCredentialsHelper(options.credentials));
	if (options.credentialsHelper) for (const c of options.credentials ?? []) if (!credentialsHelper.get(c.id)) credentialsHelper.add(c);

	const workflowData: IWorkflowBase = {
		id: 'test-workflow',
		name: 'Test workflow',
		active: false,
		isArchived: false,
		nodes: options.nodes,
		connections: options.connections ?? {},
		settings: { executionOrder: 'v1' },
		staticData: options.staticData ?? {},
		createdAt: new Date(),
		updatedAt: new Date(),
	} as IWorkflowBase;
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		active: false,
		nodeTypes,
		staticData: workflowData.staticData,
		settings: workflowData.settings,
	});

	const executionId = options.executionId ?? 'test-execution';
	const hooks = new core.ExecutionLifecycleHooks('manual', executionId, workflowData);
	const done = new Promise<IRun>((resolve) => {
		hooks.addHandler('workflowExecuteAfter', (fullRun) => resolve(fullRun));
	});
	const additionalData = createAdditionalData(credentialsHelper, hooks, executionId);

	const startNode = workflow.getNode(options.startNode ?? options.nodes[0].name);
	if (!startNode) throw new Error(`No start node ${options.startNode}`);
	const runExecutionData: IRunExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: startNode,
					data: { main: [options.input ?? [{ json: {} }]] },
					source: null,
				},
			],
		},
	});
	const execution = new core.WorkflowExecute(additionalData, 'manual', runExecutionData);
	// Workflow issues (a required parameter left empty...) are refused before the run starts: report them as the
	// run's error, as the editor shows them.
	let run: IRun;
	try {
		const running = execution.processRunExecutionData(workflow);
		options.onStarted?.(() => running.cancel());
		run = await Promise.race([done, running.then(async () => await done)]);
	} catch (error) {
		run = {
			data: createRunExecutionData({ resultData: { runData: {}, error: error as never } }),
			finished: false,
			mode: 'manual',
			startedAt: new Date(),
			status: 'error',
		} as unknown as IRun;
	}

	return {
		run,
		workflow,
		credentialsHelper,
		error: run.data.resultData.error,
		output(nodeName = options.nodes[0].name) {
			const runs = run.data.resultData.runData[nodeName];
			if (!runs?.length) return [];
			return runs[0].data?.main?.[0] ?? [];
		},
	};
}

let nodeCounter = 0;

/** A `tikTok` node with the given parameters and credentials (`{ type: id }`). */
export function tikTokNode(
	parameters: INode['parameters'],
	credentials: Record<string, string> = {},
	extra: Partial<INode> = {},
): INode {
	nodeCounter += 1;
	return {
		id: `node-${nodeCounter}`,
		name: extra.name ?? 'TikTok',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: Object.fromEntries(Object.entries(credentials).map(([type, id]) => [type, { id, name: `${type} ${id}` }])),
		...extra,
	};
}

/** Runs one `tikTok` node over `input` items. */
export async function runTikTokNode(options: {
	parameters: INode['parameters'];
	credentials?: StoredCredential[];
	input?: INodeExecutionData[];
	continueOnFail?: boolean;
	credentialsHelper?: TestCredentialsHelper;
	onStarted?: RunOptions['onStarted'];
}): Promise<RunResult & { items: INodeExecutionData[] }> {
	const credentialRefs = Object.fromEntries((options.credentials ?? []).map((c) => [c.type, c.id]));
	const node = tikTokNode(options.parameters, credentialRefs, options.continueOnFail ? { onError: 'continueRegularOutput' } : {});
	const result = await runWorkflow({
		nodes: [node],
		credentials: options.credentials,
		input: options.input,
		credentialsHelper: options.credentialsHelper,
		onStarted: options.onStarted,
	});
	return { ...result, items: result.output(node.name) };
}

/** A `tikTokTrigger` node. */
export function triggerNode(parameters: INode['parameters'], credentials: Record<string, string> = {}): INode {
	return tikTokNode(parameters, credentials, { name: 'TikTok Trigger', type: TRIGGER_TYPE });
}

/**
 * Calls the trigger's `poll()` through a real n8n-core PollContext, as the active-workflow manager does
 * (`mode` 'trigger') or as "Fetch test event" does (`mode` 'manual'). Static data lives on `workflow` between polls.
 */
export async function pollTrigger(options: {
	workflow: Workflow;
	node: INode;
	credentialsHelper: TestCredentialsHelper;
	mode?: 'trigger' | 'manual';
	activation?: 'init' | 'activate' | 'manual' | 'update' | 'leadershipChange';
	/** Receives what the poll reports through `__emitError` (n8n records it as a failed trigger execution). */
	emitError?: (error: Error) => void;
	/** What `getPollBudgetMs()` answers (n8n-core's default otherwise). */
	pollBudgetMs?: number;
}): Promise<INodeExecutionData[][] | null> {
	const { nodeTypes } = await loadPackage();
	const nodeType = nodeTypes.getByNameAndVersion(options.node.type, options.node.typeVersion) as INodeType;
	const additionalData = createAdditionalData(options.credentialsHelper);
	const mode = options.mode ?? 'trigger';
	const context = new core.PollContext(
		options.workflow,
		options.node,
		additionalData,
		mode,
		options.activation ?? (mode === 'manual' ? 'manual' : 'activate'),
		undefined,
		options.emitError,
		undefined,
		undefined,
		undefined,
		options.pollBudgetMs === undefined ? undefined : () => options.pollBudgetMs as number,
	);
	return await (nodeType.poll as (this: IPollFunctions) => Promise<INodeExecutionData[][] | null>).call(context);
}

/** A workflow holding just `node` (for polling), whose static data persists between `pollTrigger` calls. */
export async function triggerWorkflow(node: INode, staticData: IDataObject = {}): Promise<Workflow> {
	const { nodeTypes } = await loadPackage();
	return new Workflow({
		id: 'trigger-workflow',
		name: 'Trigger workflow',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData,
		settings: { executionOrder: 'v1' },
	});
}
