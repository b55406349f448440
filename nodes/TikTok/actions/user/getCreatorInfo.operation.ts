import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachItem } from '../../helpers/items';
import { queryCreatorInfo } from '../post/checks';

export const description: INodeProperties[] = [];

/** TikTok's creator info as is: nine fields (avatar, username, nickname, privacy options, interaction switches, longest video). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, items, async (i) => await queryCreatorInfo.call(this, i));
}
