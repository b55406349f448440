'use strict';
// Deterministic, seeded sample data for the fake TikTok API: advertisers, campaigns, ad groups and ads.

/** Small seeded PRNG (mulberry32): the same seed always yields the same data. */
function prng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** TikTok's `YYYY-MM-DD HH:MM:SS` (UTC). */
function tikTokTime(date) {
	return new Date(date).toISOString().replace('T', ' ').slice(0, 19);
}

/** Parses TikTok's `YYYY-MM-DD HH:MM:SS` (UTC) into epoch ms, or NaN. */
function parseTikTokTime(text) {
	if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)) return NaN;
	return Date.parse(`${text.replace(' ', 'T')}Z`);
}

const ADVERTISERS = [
	{ advertiser_id: '7000000000000000001', advertiser_name: 'Acme Shoes (UTC+8)', timezone: 'Asia/Singapore', currency: 'SGD' },
	{ advertiser_id: '7000000000000000002', advertiser_name: 'Bluebird Coffee (UTC-5)', timezone: 'America/New_York', currency: 'USD' },
	{ advertiser_id: '7000000000000000003', advertiser_name: 'Cobalt Games (UTC)', timezone: 'Etc/UTC', currency: 'EUR' },
];

const OBJECTIVES = ['TRAFFIC', 'CONVERSIONS', 'REACH', 'VIDEO_VIEWS', 'APP_PROMOTION'];
const FORMATS = ['SINGLE_VIDEO', 'SINGLE_IMAGE', 'CAROUSEL_ADS'];
const WORDS = ['Spring', 'Summer', 'Launch', 'Retarget', 'Brand', 'Promo', 'Flash', 'Holiday', 'Evergreen', 'Creator'];

/**
 * Builds the sample world. `adsPerAdvertiser` can be overridden per advertiser index, e.g. [300, 120, 60].
 * Seeded items are created between `base - 90 days` and `base`, so `base` fixes everything.
 */
function buildWorld({ seed = 42, base = Date.parse('2026-10-01T00:00:00Z'), adsPerAdvertiser = [300, 120, 60] } = {}) {
	const random = prng(seed);
	const pick = (list) => list[Math.floor(random() * list.length)];
	const world = { advertisers: [], campaigns: [], adgroups: [], ads: [] };
	ADVERTISERS.forEach((adv, a) => {
		world.advertisers.push({
			...adv,
			status: 'STATUS_ENABLE',
			role: 'ROLE_ADVERTISER',
			company: adv.advertiser_name.split(' (')[0],
			country: 'US',
			display_timezone: adv.timezone,
			create_time: Math.floor((base - 400 * 86400000) / 1000),
		});
		const campaignCount = 12 + a * 4;
		const campaigns = [];
		for (let c = 0; c < campaignCount; c++) {
			const created = base - Math.floor((90 + random() * 30) * 86400000);
			const campaign = {
				advertiser_id: adv.advertiser_id,
				campaign_id: `18${String(a + 1).padStart(2, '0')}${String(c + 1).padStart(15, '0')}`,
				campaign_name: `${pick(WORDS)} ${pick(WORDS)} campaign ${c + 1}`,
				objective_type: pick(OBJECTIVES),
				operation_status: random() < 0.8 ? 'ENABLE' : 'DISABLE',
				budget: Math.round(random() * 1000) * 10,
				budget_mode: 'BUDGET_MODE_DAY',
				create_time: tikTokTime(created),
				modify_time: tikTokTime(created + 3600000),
				__deleted: false,
			};
			campaigns.push(campaign);
			world.campaigns.push(campaign);
		}
		const adgroups = [];
		campaigns.forEach((campaign, c) => {
			for (let g = 0; g < 3; g++) {
				const created = Date.parse(`${campaign.create_time.replace(' ', 'T')}Z`) + (g + 1) * 3600000;
				const adgroup = {
					advertiser_id: adv.advertiser_id,
					campaign_id: campaign.campaign_id,
					campaign_name: campaign.campaign_name,
					adgroup_id: `17${String(a + 1).padStart(2, '0')}${String(c * 3 + g + 1).padStart(15, '0')}`,
					adgroup_name: `${campaign.campaign_name} / group ${g + 1}`,
					operation_status: 'ENABLE',
					create_time: tikTokTime(created),
					modify_time: tikTokTime(created),
					__deleted: false,
				};
				adgroups.push(adgroup);
				world.adgroups.push(adgroup);
			}
		});
		const adCount = adsPerAdvertiser[a] ?? 50;
		for (let n = 0; n < adCount; n++) {
			const adgroup = adgroups[n % adgroups.length];
			world.ads.push(
				makeAd(world, {
					advertiser_id: adv.advertiser_id,
					adgroup,
					index: n,
					created: base - Math.floor(random() * 90 * 86400000),
					format: pick(FORMATS),
					name: `${pick(WORDS)} ad ${n + 1}`,
					status: random() < 0.85 ? 'ENABLE' : 'DISABLE',
					deleted: random() < 0.05,
				}),
			);
		}
	});
	return world;
}

/** Creates an ad object the way TikTok returns it from /ad/get/. */
function makeAd(world, { advertiser_id, adgroup, created, format = 'SINGLE_VIDEO', name, status = 'ENABLE', deleted = false, modified }) {
	const ad_id = `1780${String(world.ads.length + 1).padStart(15, '0')}`;
	return {
		advertiser_id,
		campaign_id: adgroup.campaign_id,
		campaign_name: adgroup.campaign_name,
		adgroup_id: adgroup.adgroup_id,
		adgroup_name: adgroup.adgroup_name,
		ad_id,
		ad_name: name ?? `Ad ${world.ads.length + 1}`,
		ad_format: format,
		ad_text: `Try ${name ?? 'it'} today`,
		call_to_action: 'LEARN_MORE',
		landing_page_url: `https://example.com/landing/${world.ads.length + 1}`,
		video_id: format === 'SINGLE_VIDEO' ? `v10033g50000${String(world.ads.length + 1).padStart(8, '0')}` : null,
		image_ids: format === 'SINGLE_IMAGE' ? [`ad-site-i18n-sg/2026${String(world.ads.length + 1).padStart(6, '0')}`] : [],
		operation_status: status,
		secondary_status: deleted ? 'AD_STATUS_DELETE' : status === 'ENABLE' ? 'AD_STATUS_DELIVERY_OK' : 'AD_STATUS_DISABLE',
		create_time: tikTokTime(created),
		modify_time: tikTokTime(modified ?? created),
		is_aco: false,
		__deleted: deleted,
	};
}

module.exports = { prng, tikTokTime, parseTikTokTime, buildWorld, makeAd, ADVERTISERS };
