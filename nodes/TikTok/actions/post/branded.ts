import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Refuses Branded Content posted "Only Me", before any request: TikTok's content sharing guidelines require apps to
 * disable that combination ("Branded content visibility cannot be set to private": developers.tiktok.com
 * /doc/content-sharing-guidelines; contract §9.8).
 */
export function assertBrandedContentPrivacy(this: IExecuteFunctions, privacyLevel: string, options: IDataObject, itemIndex: number): void {
	if (options.brandContent === true && privacyLevel === 'SELF_ONLY') {
		throw new NodeOperationError(
			this.getNode(),
			'The "Branded Content" option cannot be used with the "Privacy Level" Only Me: branded content cannot be private on TikTok',
			{ itemIndex, description: 'Choose another Privacy Level, or turn Branded Content off. Nothing was sent to TikTok.' },
		);
	}
}
