import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { BUSINESS_CREDENTIALS, businessRequest } from '../transport';

function matches(filter: string | undefined, ...values: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.trim().toLowerCase();
	return values.some((v) => String(v ?? '').toLowerCase().includes(needle));
}

/** Advertisers the credential's token can reach (`/oauth2/advertiser/get/`), filtered by name or ID. */
export async function searchAdvertisers(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const credentials = await this.getCredentials(BUSINESS_CREDENTIALS);
	if (credentials.environment === 'sandbox') {
		throw new NodeOperationError(
			this.getNode(),
			'TikTok does not list advertisers in the sandbox: choose "By ID" and enter your sandbox advertiser ID',
		);
	}
	const data = await businessRequest.call(this, {
		method: 'GET',
		path: '/oauth2/advertiser/get/',
		qs: { app_id: credentials.appId as string, secret: credentials.secret as string },
	});
	const list = (data.list as IDataObject[]) ?? [];
	return {
		results: list
			.filter((a) => matches(filter, a.advertiser_name, a.advertiser_id))
			.map((a) => ({
				name: `${String(a.advertiser_name ?? 'Advertiser')} (${String(a.advertiser_id)})`,
				value: String(a.advertiser_id),
			})),
	};
}
export { searchLeadForms } from './leadForms';
export { searchAdGroups, searchAds, searchCampaigns } from './entitySearch';
export { searchPixels } from './pixels';
export { searchIdentities } from './identities';
