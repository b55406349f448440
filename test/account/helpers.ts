import type { FakeTikTok } from '../harness/fake';

/** The fake's advertisers (one list for every test: test/harness/fake.ts). */
export { ADV1, ADV2, ADV3 } from '../harness/fake';

/* eslint-disable @typescript-eslint/no-require-imports */
const campaigns = require('../fake-tiktok/campaigns') as {
	addTopViewCampaign: (world: unknown, advertiserId: string) => Entity;
	addAdGroups: (world: unknown, advertiserId: string, count: number) => void;
	addCampaigns: (world: unknown, advertiserId: string, count: number) => Entity[];
};
/* eslint-enable @typescript-eslint/no-require-imports */

export type Entity = Record<string, unknown> & { advertiser_id: string; __deleted: boolean };


/** The advertiser locator mapped from the input item (`advertiserId`, default ADV2 in the rows). */
export const mappedAdvertiser = { __rl: true, mode: 'id', value: '={{ $json.advertiserId }}' };

export const addTopViewCampaign = (fake: FakeTikTok, advertiserId: string): Entity =>
	campaigns.addTopViewCampaign(fake.state.world, advertiserId);
export const addAdGroups = (fake: FakeTikTok, advertiserId: string, count: number): void =>
	campaigns.addAdGroups(fake.state.world, advertiserId, count);
export const addCampaigns = (fake: FakeTikTok, advertiserId: string, count: number): Entity[] =>
	campaigns.addCampaigns(fake.state.world, advertiserId, count);

/** Requests the node made to a Business path (the fake's log). */
export const requestsTo = (fake: FakeTikTok, path: string) => fake.state.requestsTo(`/open_api/v1.3${path}`);

/** Requests that change something (every POST). */
export const writes = (fake: FakeTikTok) => fake.state.requests.filter((r) => r.method === 'POST');
