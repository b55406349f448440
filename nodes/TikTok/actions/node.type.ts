import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	ad: 'get' | 'getMany' | 'updateStatus';
	adReport: 'getMany';
	apiCall: 'make';
	lead: 'getMany';
	leadForm: 'get' | 'getMany';
	post: 'publishVideo' | 'uploadVideoDraft' | 'publishPhotos' | 'getStatus';
	sound: 'upload';
	user: 'get' | 'getCreatorInfo';
	video: 'getMany' | 'getEmbed';
};

export type TikTokType = AllEntities<NodeMap>;
