import type { IDataObject, INode, INodeExecutionData, Workflow } from 'n8n-workflow';

import type { TestCredentialsHelper } from '../harness/credentials';
import { createCredentialsHelper, pollTrigger, triggerNode, triggerWorkflow } from '../harness/engine';
import type { FakeTikTok } from '../harness/fake';
import { BUSINESS_PREFIX, businessCredential } from '../harness/fake';

/** The fake's advertisers (one list for every test: test/harness/fake.ts). */
export { ADVERTISERS } from '../harness/fake';

/* eslint-disable @typescript-eslint/no-require-imports */
const { makeAd, tikTokTime } = require('../fake-tiktok/data') as {
	makeAd: (world: FakeTikTok['state']['world'], options: Record<string, unknown>) => Record<string, unknown>;
	tikTokTime: (ms: number) => string;
};
/* eslint-enable @typescript-eslint/no-require-imports */

export const AD_PATH = `${BUSINESS_PREFIX}/ad/get/`;

export type Ad = Record<string, unknown> & { ad_id: string; create_time: string; modify_time: string; adgroup_id: string };

export { tikTokTime };

export function nowSeconds(): number {
	return Math.floor(Date.now() / 1000);
}

export function tikTokSeconds(seconds: number): string {
	return tikTokTime(seconds * 1000);
}

/** Pushes a new ad into the fake, created at `createdSec` (Unix seconds), in the advertiser's `groupIndex`-th ad group. */
export function addAd(fake: FakeTikTok, advertiserId: string, createdSec: number, groupIndex = 0): Ad {
	const groups = fake.state.world.adgroups.filter((g) => g.advertiser_id === advertiserId);
	const ad = makeAd(fake.state.world, { advertiser_id: advertiserId, adgroup: groups[groupIndex], created: createdSec * 1000 }) as Ad;
	fake.state.world.ads.push(ad);
	return ad;
}

/** Touches an ad the way an edit in Ads Manager does: a new `modify_time`. */
export function modifyAd(ad: Ad, modifiedSec: number, changes: Record<string, unknown> = {}): void {
	Object.assign(ad, changes, { modify_time: tikTokSeconds(modifiedSec) });
}

export interface Trigger {
	node: INode;
	workflow: Workflow;
	credentialsHelper: TestCredentialsHelper;
	poll(mode?: 'trigger' | 'manual', options?: { pollBudgetMs?: number }): Promise<INodeExecutionData[][] | null>;
	/** Errors the polls reported through `__emitError` (failed trigger executions in n8n), oldest first. */
	reported: Error[];
	/** The node's static data (what n8n persists between polls). */
	staticData(): IDataObject;
}

/** A trigger node in its own workflow: static data persists on the workflow between `poll()` calls. */
export async function makeTrigger(
	fake: FakeTikTok,
	parameters: INode['parameters'],
	options: { credentialType?: string; credentials?: Parameters<typeof createCredentialsHelper>[0]; staticData?: IDataObject } = {},
): Promise<Trigger> {
	const credentialType = options.credentialType ?? 'tikTokBusinessOAuth2Api';
	const credentials = options.credentials ?? [businessCredential(fake)];
	const node = triggerNode(parameters, { [credentialType]: credentials[0].id });
	const workflow = await triggerWorkflow(node, options.staticData ?? {});
	const credentialsHelper = await createCredentialsHelper(credentials);
	const reported: Error[] = [];
	return {
		node,
		workflow,
		credentialsHelper,
		reported,
		poll: async (mode = 'trigger', pollOptions = {}) =>
			await pollTrigger({ workflow, node, credentialsHelper, mode, emitError: (e) => reported.push(e), ...pollOptions }),
		staticData: () => workflow.getStaticData('node', node),
	};
}

/** IDs (`ad_id` or `id`) of a poll's items, in order; [] for a poll that returned null. */
export function idsOf(result: INodeExecutionData[][] | null): string[] {
	if (result === null) return [];
	return result[0].map((item) => String(item.json.ad_id ?? item.json.id));
}

/** A deep, plain copy (static data is an observable object). */
export function snapshot<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

/** Parsed `filtering` of a recorded Business request. */
export function filteringOf(request: { query: Record<string, string> }): IDataObject {
	return JSON.parse(request.query.filtering ?? '{}') as IDataObject;
}
