import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { verbNodeProperties } from '../AlteryxRequest/description';
import { requestCredentials } from '../transport/authentication';
import { executeVerbRequest } from '../AlteryxRequest/execute';

export class AlteryxPost implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alteryx Server POST',
		name: 'alteryxPost',
		icon: {
			light: 'file:../../icons/alteryx-post.svg',
			dark: 'file:../../icons/alteryx-post.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{"POST " + $parameter["endpoint"]}}',
		description:
			'Raw POST request to an Alteryx Server API path (V3, V1, admin), for endpoints the Alteryx Server node doesn’t cover; like the Server API POST macro',
		defaults: { name: 'Alteryx Server POST' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: requestCredentials,
		properties: verbNodeProperties('POST'),
	};

	async execute(this: IExecuteFunctions) {
		return await executeVerbRequest.call(this, 'POST');
	}
}
