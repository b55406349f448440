import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_REQUESTS_PER_SECOND, REQUESTS_PER_SECOND_PARAMETER } from '../transport/concurrency';

/**
 * Lowers how many requests per second this node sends to TikTok (per credential and host, shared with every other
 * node using the same credential in this n8n process). The default is the lowest level TikTok gives an app.
 */
export const requestsPerSecondProperty: INodeProperties = {
	displayName: 'Max Requests Per Second',
	name: REQUESTS_PER_SECOND_PARAMETER,
	type: 'number',
	noDataExpression: true,
	typeOptions: {
		minValue: 1,
		maxValue: DEFAULT_REQUESTS_PER_SECOND,
		numberPrecision: 0,
	},
	default: DEFAULT_REQUESTS_PER_SECOND,
	description:
		"Most requests per second sent to TikTok with this credential. Pages, report windows, advertisers and batches are fetched in parallel up to this rate; 10 is the lowest rate TikTok grants an app. Lower it to leave room for other tools using the same TikTok app. The rate also drops by itself while TikTok answers that the app is rate-limited (40100) and recovers after.",
};
