import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	ad: 'get';
};

export type TikTokType = AllEntities<NodeMap>;
