import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { EntityKind } from '../../helpers/entities';
import { idLocator } from '../common.descriptions';

/** The ad picker: the advertiser's ads (searchable by name or ID), or an ID. */
export function adIdProperty(description: string): INodeProperties {
	return idLocator({ displayName: 'Ad', name: 'adId', noun: 'ad', searchListMethod: 'searchAds', description, example: '1780000000000000000' });
}

/** Ad fields `/ad/get/` returns (reference §1.6), for the Fields option. TikTok adds fields over time: an expression may name others. */
export const AD_FIELD_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Ad Format', value: 'ad_format' },
	{ name: 'Ad Group ID', value: 'adgroup_id' },
	{ name: 'Ad Group Name', value: 'adgroup_name' },
	{ name: 'Ad ID', value: 'ad_id' },
	{ name: 'Ad Name', value: 'ad_name' },
	{ name: 'Ad Text', value: 'ad_text' },
	{ name: 'Ad Texts', value: 'ad_texts' },
	{ name: 'Advertiser ID', value: 'advertiser_id' },
	{ name: 'Call to Action', value: 'call_to_action' },
	{ name: 'Call to Action ID', value: 'call_to_action_id' },
	{ name: 'Campaign ID', value: 'campaign_id' },
	{ name: 'Campaign Name', value: 'campaign_name' },
	{ name: 'Card ID', value: 'card_id' },
	{ name: 'Click Tracking URL', value: 'click_tracking_url' },
	{ name: 'Create Time', value: 'create_time' },
	{ name: 'Creative Authorized', value: 'creative_authorized' },
	{ name: 'Creative Type', value: 'creative_type' },
	{ name: 'Dark Post Status', value: 'dark_post_status' },
	{ name: 'Deeplink', value: 'deeplink' },
	{ name: 'Deeplink Type', value: 'deeplink_type' },
	{ name: 'Display Name', value: 'display_name' },
	{ name: 'Identity ID', value: 'identity_id' },
	{ name: 'Identity Type', value: 'identity_type' },
	{ name: 'Image IDs', value: 'image_ids' },
	{ name: 'Impression Tracking URL', value: 'impression_tracking_url' },
	{ name: 'Is ACO', value: 'is_aco' },
	{ name: 'Is New Structure', value: 'is_new_structure' },
	{ name: 'Item Duet Status', value: 'item_duet_status' },
	{ name: 'Item Stitch Status', value: 'item_stitch_status' },
	{ name: 'Landing Page URL', value: 'landing_page_url' },
	{ name: 'Landing Page URLs', value: 'landing_page_urls' },
	{ name: 'Modify Time', value: 'modify_time' },
	{ name: 'Music ID', value: 'music_id' },
	{ name: 'Operation Status', value: 'operation_status' },
	{ name: 'Optimization Event', value: 'optimization_event' },
	{ name: 'Playable URL', value: 'playable_url' },
	{ name: 'Profile Image URL', value: 'profile_image_url' },
	{ name: 'Promotional Music Disabled', value: 'promotional_music_disabled' },
	{ name: 'Secondary Status', value: 'secondary_status' },
	{ name: 'TikTok Item ID', value: 'tiktok_item_id' },
	{ name: 'Video ID', value: 'video_id' },
];

/** The ad fields a person reads first: what `simplify` keeps (12 of the ~40 `/ad/get/` returns). */
export const AD_SIMPLE_FIELDS = [
	'ad_id',
	'ad_name',
	'advertiser_id',
	'operation_status',
	'secondary_status',
	'campaign_id',
	'campaign_name',
	'adgroup_id',
	'adgroup_name',
	'ad_text',
	'landing_page_url',
	'create_time',
] as const;

/** Ads as entities (`/ad/get/` by `ad_ids`), for the writes that read an ad first (Ad → Update). */
export const AD: EntityKind = {
	noun: 'ad',
	idLabel: 'Ad',
	path: '/ad/get/',
	idKey: 'ad_id',
	idsFilter: 'ad_ids',
	nameFilter: 'ad_name',
	simpleFields: [...AD_SIMPLE_FIELDS],
	fieldOptions: AD_FIELD_OPTIONS,
};
