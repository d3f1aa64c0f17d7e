import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { verbNodeProperties } from '../AlteryxRequest/description';
import { requestCredentials } from '../transport/authentication';
import { executeVerbRequest } from '../AlteryxRequest/execute';

export class AlteryxGet implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alteryx Server GET',
		name: 'alteryxGet',
		icon: {
			light: 'file:../../icons/alteryx-get.svg',
			dark: 'file:../../icons/alteryx-get.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{"GET " + $parameter["endpoint"]}}',
		description:
			'Raw GET request to an Alteryx Server API path (V3, V1, admin), for endpoints the Alteryx Server node doesn’t cover; like the Server API GET macro',
		defaults: { name: 'Alteryx Server GET' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: requestCredentials,
		properties: verbNodeProperties('GET'),
	};

	async execute(this: IExecuteFunctions) {
		return await executeVerbRequest.call(this, 'GET');
	}
}
