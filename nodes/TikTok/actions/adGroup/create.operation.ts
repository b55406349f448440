import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import { DateTime } from 'luxon';

import type { Amount } from '../../helpers/budget';
import { BUDGET_MODES, advertiserCurrencies, assertBudget, assertCurrencyDecimals, parseAmount, scheduledDaysBetween } from '../../helpers/budget';
import { fetchEntitiesByIds } from '../../helpers/entities';
import { parseDateTime, toTikTokTime } from '../../helpers/time';
import { getAdvertiserId } from '../../helpers/utils';
import { assertOneOf, assertTikTokId, parseJsonParameter, parseTikTokIdList } from '../../helpers/validation';
import { tikTokApiError } from '../../transport';
import { CAMPAIGN } from '../campaign/fields';
import { assertNameLength, executeEntityWrite } from '../entityWrite';
import {
	ADGROUP_CREATE_OTHER_FIELDS,
	AGE_GROUPS,
	BILLING_EVENTS,
	NO_PROMOTION_TYPE_OBJECTIVES,
	OPTIMIZATION_GOALS,
	PLACEMENTS,
	PROMOTION_TYPES,
	createProperties,
} from './create.description';

const displayOptions = { show: { resource: ['adGroup'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, createProperties);

/** TikTok: at most 3,000 location and zip code IDs in one ad group (BUBUBA create.go l.316). */
const MAX_LOCATIONS = 3000;

interface CreateParams {
	advertiserId: string;
	campaignId: string;
	body: IDataObject;
	budget?: Amount;
	bid?: Amount;
}

function fail(node: INode, message: string, itemIndex: number, description?: string): NodeOperationError {
	return new NodeOperationError(node, message, { itemIndex, description: description ?? 'Nothing was sent to TikTok.' });
}

/** Reads and checks one item's ad group: everything that can be checked without TikTok, before any request. */
function prepare(this: IExecuteFunctions, i: number): CreateParams {
	const node = this.getNode();
	const advertiserId = getAdvertiserId.call(this, i);
	const campaignId = assertTikTokId(node, this.getNodeParameter('campaignId', i, '', { extractValue: true }), 'Campaign', i);
	const name = String(this.getNodeParameter('adGroupName', i, '') ?? '').trim();
	if (name === '') throw fail(node, 'The "Ad Group Name" parameter is empty: give the ad group a name', i);
	assertNameLength(node, name, '"Ad Group Name" parameter', 'under 512', i);
	const body: IDataObject = { advertiser_id: advertiserId, campaign_id: campaignId, adgroup_name: name };

	const promotionType = String(this.getNodeParameter('promotionType', i, '') ?? '');
	if (promotionType !== '') body.promotion_type = assertOneOf(node, promotionType, PROMOTION_TYPES, 'Promotion Type', i);
	body.placement_type = assertOneOf(node, this.getNodeParameter('placementType', i), ['PLACEMENT_TYPE_AUTOMATIC', 'PLACEMENT_TYPE_NORMAL'], 'Placement Type', i);
	if (body.placement_type === 'PLACEMENT_TYPE_NORMAL') {
		const placements = this.getNodeParameter('placements', i, []) as unknown[];
		if (!Array.isArray(placements) || placements.length === 0) {
			throw fail(node, 'The "Placements" parameter is empty: with Select Placements, choose at least one', i);
		}
		body.placements = placements.map((p) => assertOneOf(node, p, PLACEMENTS, 'Placements', i));
	}

	const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const other = parseJsonParameter<IDataObject>(node, extra.otherFields ?? {}, 'Other Fields (JSON)', i);
	if (typeof other !== 'object' || other === null || Array.isArray(other)) throw fail(node, 'The "Other Fields (JSON)" parameter must be a JSON object', i);
	for (const [key, value] of Object.entries(other)) {
		if (!ADGROUP_CREATE_OTHER_FIELDS.includes(key)) {
			throw fail(node, `The "Other Fields (JSON)" parameter holds "${key.slice(0, 40)}", which /adgroup/create/ does not take (or which has its own parameter)`, i);
		}
		body[key] = value;
	}

	const locations = parseTikTokIdList(node, this.getNodeParameter('locationIds', i, ''), 'Location IDs', i);
	const zipcodes = Array.isArray(other.zipcode_ids) ? other.zipcode_ids.length : 0;
	if (locations.length === 0 && zipcodes === 0) {
		throw fail(node, 'The "Location IDs" parameter is empty: give at least one region ID (e.g. 6252001 for the United States)', i);
	}
	if (locations.length + zipcodes > MAX_LOCATIONS) {
		throw fail(node, `The "Location IDs" parameter holds ${locations.length + zipcodes} regions and zip codes: TikTok takes at most ${MAX_LOCATIONS}`, i);
	}
	if (locations.length > 0) body.location_ids = locations;

	const budgetMode = assertOneOf(node, this.getNodeParameter('budgetMode', i), BUDGET_MODES, 'Budget Mode', i);
	body.budget_mode = budgetMode;
	let budget: Amount | undefined;
	if (budgetMode !== 'BUDGET_MODE_INFINITE') {
		budget = parseAmount(node, this.getNodeParameter('budget', i, ''), 'Budget', i);
		if (!budget) throw fail(node, `The "Budget" parameter is empty: ${budgetMode} needs a budget`, i);
		body.budget = budget.value;
	}

	const scheduleType = assertOneOf(node, this.getNodeParameter('scheduleType', i), ['SCHEDULE_FROM_NOW', 'SCHEDULE_START_END'], 'Schedule Type', i);
	body.schedule_type = scheduleType;
	const timezone = this.getTimezone();
	const start = parseDateTime(node, this.getNodeParameter('scheduleStartTime', i, ''), 'Schedule Start Time', timezone, i) ?? DateTime.utc();
	body.schedule_start_time = toTikTokTime(start);
	if (scheduleType === 'SCHEDULE_START_END') {
		const end = parseDateTime(node, this.getNodeParameter('scheduleEndTime', i, ''), 'Schedule End Time', timezone, i);
		if (!end) throw fail(node, 'The "Schedule End Time" parameter is empty: Start and End needs an end', i);
		if (end <= start) {
			throw fail(node, `The "Schedule End Time" parameter (${toTikTokTime(end)} UTC) is not after the start (${toTikTokTime(start)} UTC)`, i);
		}
		body.schedule_end_time = toTikTokTime(end);
	} else if (budgetMode === 'BUDGET_MODE_TOTAL') {
		// "With BUDGET_MODE_TOTAL, schedule_type must be SCHEDULE_START_END" (BUBUBA create.go l.505).
		throw fail(node, 'The "Schedule Type" parameter must be Start and End for a Total (lifetime) budget: TikTok needs its end', i);
	}

	body.optimization_goal = assertOneOf(node, this.getNodeParameter('optimizationGoal', i), OPTIMIZATION_GOALS, 'Optimization Goal', i);
	body.billing_event = assertOneOf(node, this.getNodeParameter('billingEvent', i), BILLING_EVENTS, 'Billing Event', i);
	body.pacing = assertOneOf(node, this.getNodeParameter('pacing', i), ['PACING_MODE_SMOOTH', 'PACING_MODE_FAST'], 'Pacing', i);

	if (Array.isArray(extra.ageGroups) && extra.ageGroups.length > 0) {
		body.age_groups = (extra.ageGroups as unknown[]).map((v) => assertOneOf(node, v, AGE_GROUPS, 'Age Groups', i));
	}
	if (extra.gender !== undefined) body.gender = assertOneOf(node, extra.gender, ['GENDER_UNLIMITED', 'GENDER_FEMALE', 'GENDER_MALE'], 'Gender', i);
	if (typeof extra.languages === 'string' && extra.languages.trim() !== '') {
		body.languages = extra.languages.split(',').map((l) => l.trim()).filter(Boolean);
	}
	if (extra.bidType !== undefined) body.bid_type = assertOneOf(node, extra.bidType, ['BID_TYPE_NO_BID', 'BID_TYPE_CUSTOM'], 'Bid Strategy', i);
	let bid: Amount | undefined;
	if (extra.bid !== undefined) {
		bid = parseAmount(node, extra.bid, 'Bid', i);
		if (bid && body.bid_type !== 'BID_TYPE_CUSTOM') {
			throw fail(node, 'The "Bid" field needs the Bid Strategy Cost Cap (BID_TYPE_CUSTOM): Maximum Delivery has no bid', i);
		}
	}
	if (body.bid_type === 'BID_TYPE_CUSTOM') {
		// bid_price for CPC, CPM and CPV; conversion_bid_price for OCPM (BUBUBA create.go l.588-595).
		if (!bid) throw fail(node, 'The "Bid" field is empty: the Bid Strategy Cost Cap needs a bid', i);
		body[body.billing_event === 'OCPM' ? 'conversion_bid_price' : 'bid_price'] = bid.value;
		if (budget && budgetMode !== 'BUDGET_MODE_INFINITE' && bid.value >= budget.value) {
			throw fail(node, `The "Bid" field (${bid.text}) must be lower than the ad group's budget (${budget.text})`, i);
		}
	}
	if (extra.operationStatus !== undefined) body.operation_status = assertOneOf(node, extra.operationStatus, ['ENABLE', 'DISABLE'], 'Status', i);
	if (extra.requestId !== undefined && String(extra.requestId).trim() !== '') body.request_id = assertTikTokId(node, extra.requestId, 'Request ID', i);
	return { advertiserId, campaignId, body, budget, bid };
}

/**
 * Checks the ad group against its campaign (one `/campaign/get/` read) and the advertiser's currency: the promotion
 * type the objective needs, the campaign's budget optimization (then TikTok ignores the ad group's budget and needs
 * a bid strategy), the ad group budget's minimum and decimals, and a bid below the campaign's budget.
 */
async function checkAgainstCampaign(this: IExecuteFunctions, p: CreateParams, currencies: Map<string, string | undefined>, itemIndex: number) {
	const node = this.getNode();
	const found = await fetchEntitiesByIds.call(this, CAMPAIGN, p.advertiserId, [p.campaignId], ['campaign_id', 'objective_type', 'budget_mode', 'budget', 'budget_optimize_on'], itemIndex);
	const campaign = found.get(p.campaignId);
	if (!campaign) {
		throw tikTokApiError(node, { api: 'business', code: 40007, message: `Campaign ${p.campaignId} was not found in advertiser ${p.advertiserId}` }, itemIndex);
	}
	const objective = String(campaign.objective_type ?? '');
	if (objective === 'ENGAGEMENT' && p.body.promotion_type !== undefined && p.body.promotion_type !== 'EXTERNAL_OR_DISPLAY') {
		throw fail(node, 'The "Promotion Type" parameter must be External or Display for a campaign with the Engagement objective', itemIndex);
	}
	if (p.body.promotion_type === undefined && objective !== '' && !NO_PROMOTION_TYPE_OBJECTIVES.includes(objective)) {
		throw fail(node, `The "Promotion Type" parameter is Not Set, but the campaign's objective ${objective} needs one (only Reach, Video Views and Engagement do without)`, itemIndex);
	}
	const cbo = campaign.budget_optimize_on === true || campaign.budget_optimize_on === 'true';
	if (cbo) {
		// Under campaign budget optimization the ad group's budget and budget mode are ignored, and bid_type is required.
		delete p.body.budget;
		delete p.body.budget_mode;
		p.budget = undefined;
		if (p.body.bid_type === undefined) {
			throw fail(node, "The \"Bid Strategy\" field is missing: the campaign optimizes the budget (CBO), and TikTok then needs the ad group's bid strategy", itemIndex);
		}
	} else if (p.body.budget_mode === 'BUDGET_MODE_INFINITE') {
		throw fail(node, 'The "Budget Mode" parameter cannot be No Limit: only ad groups of a campaign that optimizes the budget (CBO) go without one', itemIndex);
	}
	await advertiserCurrencies.call(this, [p.advertiserId], currencies, itemIndex);
	const currency = currencies.get(p.advertiserId);
	if (p.budget) {
		assertBudget(
			node,
			{
				amount: p.budget,
				field: 'Budget',
				currency,
				level: 'adGroup',
				budgetMode: String(p.body.budget_mode),
				scheduledDays: scheduledDaysBetween(p.body.schedule_start_time, p.body.schedule_end_time),
			},
			itemIndex,
		);
	}
	if (p.bid) {
		assertCurrencyDecimals(node, p.bid, 'Bid', currency, itemIndex);
		const campaignBudget = Number(campaign.budget);
		if (campaign.budget_mode !== 'BUDGET_MODE_INFINITE' && Number.isFinite(campaignBudget) && campaignBudget > 0 && p.bid.value >= campaignBudget) {
			throw fail(node, `The "Bid" field (${p.bid.text}) must be lower than the campaign's budget (${campaignBudget}${currency ? ` ${currency}` : ''})`, itemIndex);
		}
	}
}

/**
 * Creates one ad group per input item (`POST /adgroup/create/`). Every item is checked before any request, then
 * against its campaign and the advertiser's currency; creation sends a `request_id` (typed, or derived from the
 * execution) and is never re-sent after an unclear failure.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await executeEntityWrite<CreateParams>(this, items, {
		prepare: (i) => prepare.call(this, i),
		check: async (p, currencies, itemIndex) => await checkAgainstCampaign.call(this, p, currencies, itemIndex),
		path: '/adgroup/create/',
		creates: 'an ad group',
		idempotent: false,
		requestId: true,
		fieldNames: {
			adgroup_name: 'Ad Group Name',
			budget: 'Budget',
			location_ids: 'Location IDs',
			placements: 'Placements',
			promotion_type: 'Promotion Type',
			optimization_goal: 'Optimization Goal',
			billing_event: 'Billing Event',
			schedule_start_time: 'Schedule Start Time',
			schedule_end_time: 'Schedule End Time',
			bid_price: 'Bid',
			conversion_bid_price: 'Bid',
		},
		result: 'created ad group',
	});
}
