// One Ad Group → Create that a strict fake accepts under a live traffic campaign (a website ad group: US, TikTok
// placement, daily budget 25, clicks), shared by the tests that make one; each adds its name, campaign and status.
export const AD_GROUP_CREATE = {
	promotionType: 'WEBSITE',
	placementType: 'PLACEMENT_TYPE_NORMAL',
	placements: ['PLACEMENT_TIKTOK'],
	locationIds: '6252001',
	budgetMode: 'BUDGET_MODE_DAY',
	budget: 25,
	scheduleType: 'SCHEDULE_FROM_NOW',
	scheduleStartTime: '2026-12-10T09:00:00Z',
	optimizationGoal: 'CLICK',
	billingEvent: 'CPC',
	pacing: 'PACING_MODE_SMOOTH',
};
