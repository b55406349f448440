import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../helpers/items';
import { simplifyEntity, simplifyProperty, wantsSimplified } from '../../helpers/simplify';
import { DEVELOPERS_CREDENTIALS, developersRequest } from '../../transport';

/** `/v2/user/info/` fields by the scope each needs (contract §3.3). */
export const USER_FIELDS_BY_SCOPE: Record<string, string[]> = {
	'user.info.basic': ['open_id', 'union_id', 'avatar_url', 'avatar_url_100', 'avatar_large_url', 'display_name'],
	'user.info.profile': ['bio_description', 'profile_deep_link', 'is_verified', 'username'],
	'user.info.stats': ['follower_count', 'following_count', 'likes_count', 'video_count'],
};

/** What a person reads first (Simplify on). */
const SIMPLE_FIELDS = [
	'open_id',
	'display_name',
	'username',
	'avatar_url',
	'profile_deep_link',
	'is_verified',
	'follower_count',
	'following_count',
	'likes_count',
	'video_count',
];

const properties: INodeProperties[] = [simplifyProperty];

const displayOptions = { show: { resource: ['user'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** The scopes the connected user granted (token response), else the credential's Scope. */
async function grantedScopes(this: IExecuteFunctions): Promise<string[]> {
	const credentials = await this.getCredentials(DEVELOPERS_CREDENTIALS);
	const token = credentials.oauthTokenData as IDataObject | undefined;
	const text = typeof token?.scope === 'string' && token.scope ? token.scope : String(credentials.scope ?? '');
	return text.split(/[\s,]+/).filter(Boolean);
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const scopes = await grantedScopes.call(this);
	// user.info.basic is always asked (TikTok requires it for this endpoint); the others only when granted, so a
	// missing scope never fails the call.
	const fields = Object.entries(USER_FIELDS_BY_SCOPE)
		.filter(([scope]) => scope === 'user.info.basic' || scopes.includes(scope))
		.flatMap(([, list]) => list);
	// Simplify asks TikTok only for the simple fields (the README's rule: server-side where TikTok takes a list).
	const simpleFields = SIMPLE_FIELDS.filter((f) => fields.includes(f));
	return await forEachItem.call(this, items, async (i) => {
		const simplified = wantsSimplified.call(this, i);
		const qs = { fields: simplified ? simpleFields : fields };
		const data = await developersRequest.call(this, { method: 'GET', path: '/v2/user/info/', qs, itemIndex: i });
		const user = (data.user ?? {}) as IDataObject;
		return simplified ? simplifyEntity(user, SIMPLE_FIELDS) : user;
	});
}
