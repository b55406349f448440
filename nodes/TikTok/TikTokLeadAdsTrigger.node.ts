import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { advertiserRLC } from './actions/common.descriptions';
import { formRLC } from './actions/leadForm/descriptions';
import type { SeenLeads } from './leadAds/delivery';
import { SIGNATURE_HEADER, firstDeliveries, leadItem, parseDelivery, verifySignature } from './leadAds/delivery';
import { createSubscription, deleteSubscription, subscriptionExists } from './leadAds/subscription';
import { listSearch } from './methods';
import { BUSINESS_CREDENTIALS } from './transport';

/**
 * TikTok Lead Ads Trigger: TikTok calls n8n with each new lead of an advertiser's instant forms (its lead webhook
 * subscription), instead of the polling Lead Received event downloading every lead of a form each poll. Activating the
 * workflow subscribes the webhook URL at TikTok, deactivating it unsubscribes; each delivery's signature is checked
 * with the app secret before anything is read.
 */
export class TikTokLeadAdsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'TikTok Lead Ads Trigger',
		name: 'tikTokLeadAdsTrigger',
		icon: { light: 'file:tiktok.svg', dark: 'file:tiktok.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"New lead"}}',
		description: 'Starts the workflow the moment a TikTok instant form collects a lead (TikTok calls n8n)',
		defaults: {
			name: 'TikTok Lead Ads Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: BUSINESS_CREDENTIALS, required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					'TikTok must reach this n8n over the internet (n8n\'s public URL, WEBHOOK_URL). Behind a firewall use the TikTok Trigger\'s "Lead Received" event instead, which polls. The credential needs the app\'s App ID and Secret, and the token\'s user must be an admin of the ad account.',
				name: 'publicUrlNotice',
				type: 'notice',
				default: '',
			},
			{ ...advertiserRLC, description: 'The advertiser (ad account) whose leads TikTok sends: you must be an admin of it' },
			{
				...formRLC,
				required: false,
				displayName: 'Instant Form',
				description: 'Only the leads of this form. Leave empty for every instant form of the advertiser.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Form Library ID',
						name: 'libraryId',
						type: 'string',
						default: '',
						placeholder: 'e.g. 7300000000000000001',
						description:
							'The Business Center form library that holds the forms (after they moved to a library): TikTok then sends its leads instead of the advertiser\'s',
					},
					{
						displayName: 'Simplify',
						name: 'simplify',
						type: 'boolean',
						default: true,
						description:
							'Whether to return the lead ID, time, form, ad and campaign next to the answers, instead of everything TikTok sends (ad group, advertiser, lead source...)',
					},
				],
			},
		],
	};

	methods = { listSearch };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await subscriptionExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createSubscription.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteSubscription.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject() as unknown as { rawBody?: Buffer; headers: IDataObject };
		const response = this.getResponseObject();
		const credentials = await this.getCredentials(BUSINESS_CREDENTIALS);
		const secret = String(credentials.secret ?? '').trim();
		const rawBody = Buffer.isBuffer(request.rawBody) ? request.rawBody : undefined;
		const verdict = rawBody && secret !== '' ? verifySignature(rawBody, request.headers[SIGNATURE_HEADER], secret) : undefined;
		if (!rawBody || !verdict?.ok) {
			// Nothing of the body is read, logged or emitted. What the log says lets the owner tell a forged call from
			// TikTok signing differently (README, "TikTok Lead Ads Trigger").
			const reason = !rawBody ? 'no body' : secret === '' ? 'the credential has no Secret' : verdict && !verdict.ok ? verdict.reason : 'mismatch';
			const present = Object.keys(request.headers).filter((h) => /signature/i.test(h));
			this.logger.warn(
				`TikTok Lead Ads Trigger refused a delivery: signature ${reason} (signature headers present: ${present.join(', ') || 'none'})`,
			);
			response.status(reason === 'missing' ? 401 : 403).json({ code: 40001, message: 'signature check failed' });
			return { noWebhookResponse: true };
		}

		const delivery = parseDelivery(rawBody);
		if (delivery.object !== 1) {
			// Another subscription's event on this URL (ad review, fatigue...): acknowledged, not a lead.
			return { webhookResponse: { code: 0, message: 'OK' }, workflowData: undefined };
		}
		const formId = String(this.getNodeParameter('formId', '', { extractValue: true }) ?? '').trim();
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const simplify = options.simplify !== false;
		const ofForm = delivery.leads.filter((lead) => formId === '' || lead.json.form_id === formId);
		const key = `${this.getWorkflow().id ?? ''}/${this.getNode().id ?? this.getNode().name}`;
		const fresh = firstDeliveries(key, this.getWorkflowStaticData('node') as { seen?: SeenLeads }, ofForm, Math.floor(Date.now() / 1000));
		if (delivery.skipped > 0) {
			this.logger.warn(`TikTok Lead Ads Trigger: ${delivery.skipped} entries of a delivery were not readable leads and were skipped`);
		}
		if (fresh.length === 0) return { webhookResponse: { code: 0, message: 'OK' }, workflowData: undefined };
		const items = fresh.map((lead) => ({ json: leadItem(lead, simplify, delivery.requestId) }));
		return { webhookResponse: { code: 0, message: 'OK' }, workflowData: [items] };
	}
}
