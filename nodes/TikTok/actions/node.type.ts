import type { AllEntities } from 'n8n-workflow';

export type NodeMap = {
	ad: 'create' | 'get' | 'getMany' | 'update' | 'updateStatus';
	adGroup: 'create' | 'get' | 'getMany' | 'update' | 'updateStatus';
	adReport: 'getMany';
	advertiser: 'get' | 'getMany';
	apiCall: 'make';
	campaign: 'create' | 'get' | 'getMany' | 'update' | 'updateStatus';
	creative: 'uploadImage' | 'uploadVideo';
	event: 'send';
	lead: 'getMany';
	leadForm: 'get' | 'getMany';
	post: 'publishVideo' | 'uploadVideoDraft' | 'publishPhotos' | 'getStatus';
	sound: 'upload';
	user: 'get' | 'getCreatorInfo';
	video: 'getMany' | 'getEmbed';
};

export type TikTokType = AllEntities<NodeMap>;
