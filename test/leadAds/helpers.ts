/* eslint-disable @n8n/community-nodes/no-restricted-imports -- a test, not node code: its own rules are test/eslint.config.mjs */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import * as core from 'n8n-core';
import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeExecutionData, INodeType, IWebhookData, IWebhookResponseData } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { TestCredentialsHelper } from '../harness/credentials';
import { PACKAGE_NAME, createAdditionalData, createCredentialsHelper, loadPackage } from '../harness/engine';
import type { FakeTikTok } from '../harness/fake';
import { businessCredential } from '../harness/fake';

export const LEAD_ADS_TRIGGER_TYPE = `${PACKAGE_NAME}.tikTokLeadAdsTrigger`;

/** Each trigger made here is its own workflow, as in n8n (the trigger remembers emitted leads per workflow and node). */
let workflows = 0;

/** What one delivery did at the trigger: the HTTP status it answered and the items it started a run with. */
export interface Received {
	status: number;
	items: INodeExecutionData[];
}

export interface LeadAdsTrigger {
	node: INode;
	workflow: Workflow;
	credentialsHelper: TestCredentialsHelper;
	/** The production webhook URL n8n gives the node (served by the test's loopback server). */
	webhookUrl: string;
	/** `webhookMethods.default.checkExists / create / delete` through n8n-core's HookContext. */
	checkExists(): Promise<boolean>;
	create(): Promise<boolean>;
	remove(): Promise<boolean>;
	/** Every delivery the webhook URL received, in order. */
	received: Received[];
	/** What the trigger logged (warnings). */
	logged: string[];
	staticData(): IDataObject;
	close(): Promise<void>;
}

/**
 * The TikTok Lead Ads Trigger as n8n runs it: its workflow, hook methods through n8n-core's HookContext (as
 * activation does), and a loopback HTTP server at its webhook URL that hands each request, raw body and headers as
 * n8n's body parser leaves them, to the node's `webhook()` through n8n-core's WebhookContext and answers as n8n does.
 */
export async function makeLeadAdsTrigger(
	fake: FakeTikTok,
	parameters: INode['parameters'],
	options: { credential?: ICredentialDataDecryptedObject } = {},
): Promise<LeadAdsTrigger> {
	const { nodeTypes } = await loadPackage();
	const credential = businessCredential(fake, options.credential);
	const credentialsHelper = await createCredentialsHelper([credential]);
	const node: INode = {
		id: 'lead-ads-trigger',
		name: 'TikTok Lead Ads Trigger',
		type: LEAD_ADS_TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId: '3f1c0c2e-5a9b-4d7e-9f55-1c2b3a4d5e6f',
		parameters,
		credentials: { tikTokBusinessOAuth2Api: { id: credential.id, name: credential.name } },
	};
	const workflow = new Workflow({
		id: `lead-ads-workflow-${++workflows}`,
		name: 'Lead Ads workflow',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData: {},
		settings: { executionOrder: 'v1' },
	});
	const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion) as INodeType;
	const received: Received[] = [];
	const logged: string[] = [];

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			void (async () => {
				const rawBody = Buffer.concat(chunks);
				let body: unknown = {};
				try {
					body = JSON.parse(rawBody.toString('utf8'));
				} catch {
					body = {};
				}
				const request = Object.assign(req, { rawBody, body, query: {}, params: {} });
				let status = 200;
				let answered = false;
				const response = {
					status(code: number) {
						status = code;
						return response;
					},
					json(value: unknown) {
						answered = true;
						res.writeHead(status, { 'content-type': 'application/json' });
						res.end(JSON.stringify(value));
						return response;
					},
					send(value: unknown) {
						answered = true;
						res.writeHead(status);
						res.end(String(value ?? ''));
						return response;
					},
				};
				const additionalData = createAdditionalData(credentialsHelper);
				Object.assign(additionalData, { httpRequest: request, httpResponse: response });
				const webhookData = {
					httpMethod: 'POST',
					node: node.name,
					path: 'webhook',
					webhookDescription: nodeType.description.webhooks![0],
					workflowId: workflow.id,
					workflowExecuteAdditionalData: additionalData,
				} as unknown as IWebhookData;
				const context = new core.WebhookContext(workflow, node, additionalData, 'webhook', webhookData, [], null);
				Object.defineProperty(context, 'logger', {
					value: { warn: (m: string) => logged.push(m), info: () => {}, debug: () => {}, error: (m: string) => logged.push(m) },
				});
				let result: IWebhookResponseData;
				try {
					result = await (nodeType.webhook as (this: unknown) => Promise<IWebhookResponseData>).call(context);
				} catch (error) {
					res.writeHead(500);
					res.end(String((error as Error).message));
					received.push({ status: 500, items: [] });
					return;
				}
				if (!answered) {
					res.writeHead(200, { 'content-type': 'application/json' });
					res.end(JSON.stringify(result.webhookResponse ?? { message: 'Workflow was started' }));
				}
				received.push({ status: answered ? status : 200, items: result.workflowData?.[0] ?? [] });
			})();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	const hookContext = () => {
		const additionalData = createAdditionalData(credentialsHelper);
		additionalData.webhookBaseUrl = `${base}/webhook`;
		return new core.HookContext(workflow, node, additionalData, 'trigger', 'activate');
	};
	const hooks = nodeType.webhookMethods!.default as Record<string, (this: unknown) => Promise<boolean>>;
	const webhookUrl = hookContext().getNodeWebhookUrl('default') as string;

	return {
		node,
		workflow,
		credentialsHelper,
		webhookUrl,
		checkExists: async () => await hooks.checkExists.call(hookContext()),
		create: async () => await hooks.create.call(hookContext()),
		remove: async () => await hooks.delete.call(hookContext()),
		received,
		logged,
		staticData: () => workflow.getStaticData('node', node),
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** Sets the fake's subscription switches (test/fake-tiktok/subscriptions.js). */
export async function configureSubscriptions(fake: FakeTikTok, config: IDataObject): Promise<void> {
	await fetch(`${fake.url}/__fake/subscriptions/config`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(config),
	});
}

/** Has the fake deliver leads to the newest (or the given) subscription: new ones of a form, or existing ones by ID. */
export async function deliver(fake: FakeTikTok, request: IDataObject): Promise<{ leads: string[]; statuses: number[] }> {
	const answer = await fetch(`${fake.url}/__fake/subscriptions/deliver`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(request),
	});
	return (await answer.json()) as { leads: string[]; statuses: number[] };
}

export function subscriptionsOf(fake: FakeTikTok): Array<IDataObject & { subscription_id: string; callback_url: string; subscription_detail: IDataObject }> {
	return fake.state.subscriptions as never;
}
