import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { businessRequestAllItems } from '../transport';

/** Most instant forms TikTok lists per page (`/page/get/` page_size 1–100; contract §8.1). */
export const LEAD_FORM_PAGE_SIZE = 100;

/** The advertiser chosen in the node (the `advertiserId` locator, as an ID or from the list), if any. */
function chosenAdvertiser(this: ILoadOptionsFunctions): string | undefined {
	const value = this.getCurrentNodeParameter('advertiserId', { extractValue: true });
	const id = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	return /^\d{1,20}$/.test(id) ? id : undefined;
}

/**
 * The instant forms (lead-generation pages) of the chosen advertiser, newest first as TikTok lists them; none while no
 * advertiser is chosen (the picker is empty and its hint says to choose the advertiser first).
 */
async function leadForms(this: ILoadOptionsFunctions): Promise<IDataObject[]> {
	const advertiserId = chosenAdvertiser.call(this);
	if (advertiserId === undefined) return [];
	return await businessRequestAllItems.call(this, {
		method: 'GET',
		path: '/page/get/',
		qs: { advertiser_id: advertiserId, business_type: 'LEAD_GEN' },
		maxPageSize: LEAD_FORM_PAGE_SIZE,
	});
}

function label(form: IDataObject): string {
	const draft = form.status === 'EDITED' ? ', draft' : '';
	return `${String(form.title ?? 'Instant form')} (${String(form.page_id)}${draft})`;
}

/** Instant forms for the Instant Form locator, filtered by title or ID. */
export async function searchLeadForms(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim().toLowerCase();
	const forms = (await leadForms.call(this)).filter(
		(f) => !needle || String(f.title ?? '').toLowerCase().includes(needle) || String(f.page_id).includes(needle),
	);
	return { results: forms.map((f) => ({ name: label(f), value: String(f.page_id) })) };
}

/** Instant forms for a multi-select (the trigger's Instant Forms). */
export async function getLeadForms(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await leadForms.call(this)).map((f) => ({ name: label(f), value: String(f.page_id) }));
}
