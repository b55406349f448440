import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { Amount } from '../../helpers/budget';
import { advertiserCurrencies, assertBudget, assertCurrencyDecimals, scheduledDaysBetween } from '../../helpers/budget';
import { fetchEntitiesByIds } from '../../helpers/entities';
import { CAMPAIGN } from '../campaign/fields';
import { parseDateTime, toTikTokTime } from '../../helpers/time';
import { getAdvertiserId } from '../../helpers/utils';
import { assertTikTokId } from '../../helpers/validation';
import { tikTokApiError } from '../../transport';
import { advertiserRLC } from '../common.descriptions';
import { emptyUpdateError, executeEntityWrite, readNewAmount, readNewBudget, readNewName, refuseRaise } from '../entityWrite';
import { ADGROUP, adGroupIdProperty } from './fields';

const properties: INodeProperties[] = [
	advertiserRLC,
	{
		...adGroupIdProperty,
		description:
			'The ad group to change. Pick it from the list or give its ID (digits).',
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields set here are sent to TikTok; the rest stays as it is',
		options: [
			{
				displayName: 'Ad Group Name',
				name: 'adGroupName',
				type: 'string',
				default: '',
				description: 'New name (under 512 characters, Chinese and Japanese ones counting 2; no emoji)',
			},
			{
				displayName: 'Bid',
				name: 'bidPrice',
				type: 'number',
				default: 1,
				description:
					"New bid in the advertiser's currency: the cost cap (bid_price), or the target cost per conversion (conversion_bid_price) for oCPM ad groups. Must be lower than the ad group's and the campaign's budgets; never rounded. On a Maximum Delivery ad group (BID_TYPE_NO_BID) it also switches the bid strategy to Cost Cap (BID_TYPE_CUSTOM).",
			},
			{
				displayName: 'Budget',
				name: 'budget',
				type: 'number',
				default: 20,
				description:
					"New budget in the advertiser's currency, in the ad group's budget mode (which cannot change). At least 20 USD a day; never rounded.",
			},
			{
				displayName: 'Schedule End Time',
				name: 'scheduleEndTime',
				type: 'dateTime',
				default: '',
				description:
					'When the ad group stops delivering (in the workflow time zone unless the value has an offset). Sent to TikTok in UTC. An ad group running "from now on" gets this end with its current start (SCHEDULE_START_END).',
			},
		],
	},
];

const displayOptions = { show: { resource: ['adGroup'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface UpdateParams {
	advertiserId: string;
	adGroupId: string;
	body: IDataObject;
	budget?: Amount;
	bid?: Amount;
	scheduleEnd?: string;
}

function prepare(this: IExecuteFunctions, i: number): UpdateParams {
	const node = this.getNode();
	const advertiserId = getAdvertiserId.call(this, i);
	const adGroupId = assertTikTokId(node, this.getNodeParameter('adGroupId', i, '', { extractValue: true }), 'Ad Group', i);
	const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const body: IDataObject = { advertiser_id: advertiserId, adgroup_id: adGroupId };
	if (fields.adGroupName !== undefined) body.adgroup_name = readNewName(node, fields.adGroupName, 'Ad Group Name', 'under 512', i);
	const budget = readNewBudget(node, fields, body, i);
	const bid = fields.bidPrice !== undefined ? readNewAmount(node, fields.bidPrice, 'Bid', 'bid', i) : undefined;
	let scheduleEnd: string | undefined;
	if (fields.scheduleEndTime !== undefined) {
		const end = parseDateTime(node, fields.scheduleEndTime, 'Schedule End Time', this.getTimezone(), i);
		if (!end) throw new NodeOperationError(node, 'The "Schedule End Time" field is empty: enter the new end', { itemIndex: i });
		scheduleEnd = toTikTokTime(end);
		body.schedule_end_time = scheduleEnd;
	}
	if (Object.keys(body).length === 2 && !bid) throw emptyUpdateError(node, i);
	return { advertiserId, adGroupId, body, budget, bid, scheduleEnd };
}

/**
 * Checks a budget, bid or schedule change against the ad group as it is (one `/adgroup/get/` read) and the
 * advertiser's currency (`/advertiser/info/`, once per advertiser), then completes the body: a bid goes to
 * `conversion_bid_price` for oCPM ad groups and to `bid_price` otherwise (contract §13.1).
 */
async function checkAgainstAdGroup(
	this: IExecuteFunctions,
	p: UpdateParams,
	currencies: Map<string, string | undefined>,
	itemIndex: number,
): Promise<void> {
	const node = this.getNode();
	const found = await fetchEntitiesByIds.call(
		this,
		ADGROUP,
		p.advertiserId,
		[p.adGroupId],
		[
			'adgroup_id', 'campaign_id', 'budget_mode', 'budget', 'billing_event', 'bid_type', 'bid_price', 'conversion_bid_price',
			'schedule_type', 'schedule_start_time', 'schedule_end_time',
		],
		itemIndex,
	);
	const group = found.get(p.adGroupId);
	if (!group) {
		throw tikTokApiError(
			node,
			{ api: 'business', code: 40007, message: `Ad group ${p.adGroupId} was not found in advertiser ${p.advertiserId}` },
			itemIndex,
		);
	}
	if (p.scheduleEnd && typeof group.schedule_start_time === 'string' && p.scheduleEnd <= group.schedule_start_time) {
		throw new NodeOperationError(
			node,
			`The "Schedule End Time" field (${p.scheduleEnd} UTC) is not after the ad group's start (${group.schedule_start_time} UTC)`,
			{ itemIndex },
		);
	}
	// A "from now" ad group has a start only; an end needs SCHEDULE_START_END, which takes both (BUBUBA update.go l.313-314).
	if (p.scheduleEnd && group.schedule_type === 'SCHEDULE_FROM_NOW') {
		if (typeof group.schedule_start_time !== 'string') {
			throw new NodeOperationError(node, `TikTok did not return the start of ad group ${p.adGroupId}, which a new end needs`, { itemIndex });
		}
		p.body.schedule_type = 'SCHEDULE_START_END';
		p.body.schedule_start_time = group.schedule_start_time;
	}
	// An AI agent's raise of the budget or bid is refused on this one read, before any other.
	const bidKey = group.billing_event === 'OCPM' ? 'conversion_bid_price' : 'bid_price';
	if (p.budget) refuseRaise.call(this, itemIndex, { amount: p.budget, current: group.budget, what: `the budget of ad group ${p.adGroupId}` });
	if (p.bid) refuseRaise.call(this, itemIndex, { amount: p.bid, current: group[bidKey], what: `the bid of ad group ${p.adGroupId}` });
	await advertiserCurrencies.call(this, [p.advertiserId], currencies, itemIndex);
	const currency = currencies.get(p.advertiserId);
	const budgetMode = String(group.budget_mode ?? '') || undefined;
	if (p.budget) {
		assertBudget(
			node,
			{
				amount: p.budget,
				field: 'Budget',
				currency,
				level: 'adGroup',
				budgetMode,
				scheduledDays: scheduledDaysBetween(group.schedule_start_time, p.scheduleEnd ?? group.schedule_end_time),
			},
			itemIndex,
		);
	}
	if (p.bid) {
		assertCurrencyDecimals(node, p.bid, 'Bid', currency, itemIndex);
		const budget = p.budget?.value ?? Number(group.budget);
		if (budgetMode !== 'BUDGET_MODE_INFINITE') assertBidBelow(node, p.bid, budget, "ad group's", currency, itemIndex);
		await assertBidBelowCampaignBudget.call(this, p, String(group.campaign_id ?? ''), currency, itemIndex);
		p.body[bidKey] = p.bid.value;
		// bid_price / conversion_bid_price apply to BID_TYPE_CUSTOM (Cost Cap); BID_TYPE_NO_BID is Maximum Delivery,
		// which has no bid (BUBUBA update.go l.350-358, enum/bid_type.go): a bid switches the strategy to Cost Cap.
		if (group.bid_type !== undefined && group.bid_type !== 'BID_TYPE_CUSTOM') p.body.bid_type = 'BID_TYPE_CUSTOM';
	}
}

/** Refuses a bid that is not below `budget` ("lower than the budget set at the campaign and ad group level"). */
function assertBidBelow(node: INode, bid: Amount, budget: number, whose: string, currency: string | undefined, itemIndex: number): void {
	if (Number.isFinite(budget) && budget > 0 && bid.value >= budget) {
		throw new NodeOperationError(
			node,
			`The "Bid" field (${bid.text}) must be lower than the ${whose} budget (${budget}${currency ? ` ${currency}` : ''})`,
			{ itemIndex, description: 'TikTok takes a bid lower than the budgets of the campaign and of the ad group. Nothing was sent.' },
		);
	}
}

/** Checks a bid against the budget of the ad group's campaign (one `/campaign/get/` read), unless it has none. */
async function assertBidBelowCampaignBudget(
	this: IExecuteFunctions,
	p: UpdateParams,
	campaignId: string,
	currency: string | undefined,
	itemIndex: number,
): Promise<void> {
	if (!p.bid || campaignId === '') return;
	const found = await fetchEntitiesByIds.call(this, CAMPAIGN, p.advertiserId, [campaignId], ['campaign_id', 'budget_mode', 'budget'], itemIndex);
	const campaign = found.get(campaignId);
	if (!campaign || campaign.budget_mode === 'BUDGET_MODE_INFINITE') return;
	assertBidBelow(this.getNode(), p.bid, Number(campaign.budget), "campaign's", currency, itemIndex);
}

/**
 * Changes an ad group per input item (`POST /adgroup/update/`), sending only the fields set. Budget, bid and
 * schedule changes are checked first (reads only); a name change alone is one request.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await executeEntityWrite<UpdateParams>(this, items, {
		prepare: (i) => prepare.call(this, i),
		check: async (p, currencies, itemIndex) => {
			if (p.budget || p.bid || p.scheduleEnd) await checkAgainstAdGroup.call(this, p, currencies, itemIndex);
		},
		path: '/adgroup/update/',
		// Setting the same values twice is harmless.
		idempotent: true,
		fieldNames: {
			budget: 'Budget',
			bid_price: 'Bid',
			conversion_bid_price: 'Bid',
			schedule_end_time: 'Schedule End Time',
			adgroup_name: 'Ad Group Name',
		},
		result: 'updated ad group',
	});
}
