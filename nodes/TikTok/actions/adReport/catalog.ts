import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * Report dimensions and metrics of TikTok's API for Business v1.3 (`/report/integrated/get/`), as editor options.
 * Every name offered here is in the independent list `test/reports/tiktok-report-names.json` (bububa's report models,
 * Fivetran's dimension list): a test keeps it so. Anything else TikTok documents can be typed under Options → Custom
 * Dimensions / Custom Metrics.
 */


const option = (value: string, name: string, description: string): INodePropertyOptions => ({
	name,
	value,
	description,
});

/** The editor lists options alphabetically (n8n convention); the source keeps TikTok's grouping. */
const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

export const REPORT_DIMENSIONS: INodePropertyOptions[] = [
	option('advertiser_id', 'Advertiser ID (advertiser_id)', 'Group by advertiser (ad account)'),
	option('campaign_id', 'Campaign ID (campaign_id)', 'Group by campaign (data level campaign, ad group or ad)'),
	option('adgroup_id', 'Ad Group ID (adgroup_id)', 'Group by ad group (data level ad group or ad)'),
	option('ad_id', 'Ad ID (ad_id)', 'Group by ad (data level ad)'),
	option('stat_time_day', 'Day (stat_time_day)', 'One row per day, in the advertiser time zone. TikTok allows 30 days per request: longer ranges are split and merged for you.'),
	option('stat_time_hour', 'Hour (stat_time_hour)', 'One row per hour, in the advertiser time zone. TikTok allows 1 day per request: longer ranges are split and merged for you.'),
	option('country_code', 'Country or Region (country_code)', 'Audience country or region code (Basic, Audience and Playable reports)'),
	option('age', 'Age (age)', 'Audience age range, e.g. AGE_18_24 (Audience report)'),
	option('gender', 'Gender (gender)', 'Audience gender: FEMALE, MALE or NONE (Audience report)'),
	option('platform', 'Operating System (platform)', 'Audience operating system, e.g. ANDROID, IPHONE (Audience report)'),
	option('ac', 'Network Type (ac)', 'Audience connection type, e.g. WIFI, 4G (Audience report)'),
	option('language', 'Language (language)', 'Audience language (Audience report)'),
	option('placement', 'Placement (placement)', 'Where the ad was shown, e.g. PLACEMENT_TIKTOK (Audience report)'),
	option('interest_category_v2', 'Interest Category V2 (interest_category_v2)', 'Top-level interest category, new taxonomy (Audience report)'),
	option('contextual_tag', 'Contextual Tag (contextual_tag)', 'Contextual targeting tag (Audience report)'),
	option('room_id', 'Live Room ID (room_id)', 'LIVE room (TikTok Shop / GMV Max report)'),
].sort(byName);

export const REPORT_METRICS: INodePropertyOptions[] = [
	// Core
	option('spend', 'Cost (spend)', 'Total amount spent on ads, in the advertiser currency'),
	option('billed_cost', 'Net Cost (billed_cost)', 'Amount spent minus ad credits and coupons'),
	option('cash_spend', 'Cash Spend (cash_spend)', 'Amount paid in cash (advertiser level, daily only)'),
	option('voucher_spend', 'Voucher Spend (voucher_spend)', 'Amount paid with ad credits (advertiser level, daily only)'),
	option('impressions', 'Impressions (impressions)', 'Number of times the ads were shown'),
	option('gross_impressions', 'Gross Impressions (gross_impressions)', 'Impressions including invalid ones'),
	option('clicks', 'Clicks (Destination) (clicks)', 'Clicks that led to the destination'),
	option('ctr', 'CTR (Destination) (ctr)', 'Destination clicks per impression, in percent'),
	option('cpc', 'CPC (Destination) (cpc)', 'Average cost per destination click'),
	option('cpm', 'CPM (cpm)', 'Average cost per 1,000 impressions'),
	option('reach', 'Reach (reach)', 'Unique users who saw the ads at least once'),
	option('cost_per_1000_reached', 'Cost per 1,000 Reached (cost_per_1000_reached)', 'Average cost to reach 1,000 unique users'),
	option('frequency', 'Frequency (frequency)', 'Average number of times each user saw the ads'),
	option('conversion', 'Conversions (conversion)', 'Times the ads reached the chosen optimization event'),
	option('cost_per_conversion', 'Cost per Conversion (cost_per_conversion)', 'Average cost of a conversion'),
	option('conversion_rate', 'Conversion Rate (conversion_rate)', 'Conversions per impression, in percent: TikTok switched it from clicks to impressions at the end of October 2023, so it now equals Conversion Rate (CVR)'),
	option('conversion_rate_v2', 'Conversion Rate (CVR) (conversion_rate_v2)', 'Conversions per impression, in percent'),
	option('real_time_conversion', 'Conversions by Conversion Time (real_time_conversion)', 'Conversions counted when they happened'),
	option('real_time_cost_per_conversion', 'Cost per Conversion by Conversion Time (real_time_cost_per_conversion)', 'Average cost of a conversion, counted when it happened'),
	option('result', 'Results (result)', 'Times the ads reached the objective and optimization goal'),
	option('cost_per_result', 'Cost per Result (cost_per_result)', 'Average cost of a result'),
	option('result_rate', 'Result Rate (result_rate)', 'Results per impression, in percent'),
	option('secondary_goal_result', 'Deep Funnel Results (secondary_goal_result)', 'Times the ads reached the secondary (deep funnel) goal'),
	option('cost_per_secondary_goal_result', 'Cost per Deep Funnel Result (cost_per_secondary_goal_result)', 'Average cost of a deep funnel result'),
	// Video
	option('video_play_actions', 'Video Views (video_play_actions)', 'Times a video started playing (replays not counted)'),
	option('video_watched_2s', '2-Second Video Views (video_watched_2s)', 'Times a video played at least 2 seconds'),
	option('video_watched_6s', '6-Second Video Views (video_watched_6s)', 'Times a video played at least 6 seconds'),
	option('video_views_p25', 'Video Views at 25% (video_views_p25)', 'Times a video played at least a quarter of its length'),
	option('video_views_p50', 'Video Views at 50% (video_views_p50)', 'Times a video played at least half of its length'),
	option('video_views_p75', 'Video Views at 75% (video_views_p75)', 'Times a video played at least three quarters of its length'),
	option('video_views_p100', 'Video Views at 100% (video_views_p100)', 'Times a video played to the end'),
	option('average_video_play', 'Average Play Time per Video View (average_video_play)', 'Average seconds played per video view, replays included'),
	option('average_video_play_per_user', 'Average Play Time per User (average_video_play_per_user)', 'Average seconds played per user, replays included'),
	option('engaged_view', '6-Second Focused Views (engaged_view)', 'Views of at least 6 seconds, or with an interaction in the first 6 seconds'),
	option('engaged_view_15s', '15-Second Focused Views (engaged_view_15s)', 'Views of at least 15 seconds, or with an interaction in the first 15 seconds'),
	// Engagement
	option('engagements', 'Clicks (All) (engagements)', 'All clicks, including social and interactive ones'),
	option('engagement_rate', 'CTR (All) (engagement_rate)', 'All clicks per impression, in percent'),
	option('likes', 'Paid Likes (likes)', 'Likes on the ads while they were promoted'),
	option('comments', 'Paid Comments (comments)', 'Comments on the ads while they were promoted'),
	option('shares', 'Paid Shares (shares)', 'Shares of the ads while they were promoted'),
	option('follows', 'Paid Follows (follows)', 'Follows of the linked profile while the ads were promoted'),
	option('profile_visits', 'Paid Profile Visits (profile_visits)', 'Visits to the linked profile while the ads were promoted'),
	option('profile_visits_rate', 'Paid Profile Visit Rate (profile_visits_rate)', 'Profile visits per impression, in percent'),
	option('anchor_clicks', 'Anchor Clicks (anchor_clicks)', 'Clicks on the ad anchor'),
	option('clicks_on_music_disc', 'Music Clicks (clicks_on_music_disc)', 'Clicks on the music linked to the ad'),
	// App and web events
	option('app_install', 'App Installs (app_install)', 'App installs attributed to the ads'),
	option('cost_per_app_install', 'Cost per App Install (cost_per_app_install)', 'Average cost of an app install'),
	option('complete_payment', 'Payments (Website) (complete_payment)', 'Website payments attributed to the ads'),
	option('cost_per_complete_payment', 'Cost per Payment (Website) (cost_per_complete_payment)', 'Average cost of a website payment'),
	option('complete_payment_rate', 'Payment Rate (Website) (complete_payment_rate)', 'Website payments per click, in percent'),
	option('value_per_complete_payment', 'Value per Payment (Website) (value_per_complete_payment)', 'Average value of a website payment'),
	option('total_complete_payment_rate', 'Payment Value (Website) (total_complete_payment_rate)', 'Total value of website payments attributed to the ads (TikTok names this value metric ..._rate)'),
	option('complete_payment_roas', 'Payment ROAS (Website) (complete_payment_roas)', 'Return on ad spend from website payments'),
	// Attributes
	option('advertiser_name', 'Advertiser Name (advertiser_name)', 'Attribute: ad account name'),
	option('campaign_name', 'Campaign Name (campaign_name)', 'Attribute: campaign name (campaign, ad group or ad level)'),
	option('objective_type', 'Objective (objective_type)', 'Attribute: campaign advertising objective'),
	option('campaign_budget', 'Campaign Budget (campaign_budget)', 'Attribute: campaign budget'),
	option('adgroup_name', 'Ad Group Name (adgroup_name)', 'Attribute: ad group name (ad group or ad level)'),
	option('adgroup_id', 'Ad Group ID (adgroup_id)', 'Attribute: ad group ID (ad level)'),
	option('placement_type', 'Placement Type (placement_type)', 'Attribute: automatic or selected placements (ad group or ad level)'),
	option('promotion_type', 'Promotion Type (promotion_type)', 'Attribute: app, website or other (ad group or ad level)'),
	option('budget', 'Ad Group Budget (budget)', 'Attribute: ad group budget (ad group or ad level)'),
	option('bid_strategy', 'Bid Strategy (bid_strategy)', 'Attribute: ad group bid strategy (ad group or ad level)'),
	option('ad_name', 'Ad Name (ad_name)', 'Attribute: ad name (ad level)'),
	option('ad_text', 'Ad Text (ad_text)', 'Attribute: ad text (ad level)'),
	option('call_to_action', 'Call to Action (call_to_action)', 'Attribute: call to action (ad level)'),
	option('currency', 'Currency (currency)', 'Attribute: currency code, e.g. USD (needs an ID dimension)'),
].sort(byName);
