import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	ad: 'get' | 'getMany' | 'updateStatus';
	adReport: 'getMany';
};

export type TikTokType = AllEntities<NodeMap>;
