import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { verbNodeProperties } from '../AlteryxRequest/description';
import { requestCredentials } from '../transport/authentication';
import { executeVerbRequest } from '../AlteryxRequest/execute';

export class AlteryxPut implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alteryx Server PUT',
		name: 'alteryxPut',
		icon: {
			light: 'file:../../icons/alteryx-put.svg',
			dark: 'file:../../icons/alteryx-put.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{"PUT " + $parameter["endpoint"]}}',
		description:
			'Raw PUT request to an Alteryx Server API path (V3, V1, admin), for endpoints the Alteryx Server node doesn’t cover; like the Server API PUT macro',
		defaults: { name: 'Alteryx Server PUT' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: requestCredentials,
		properties: verbNodeProperties('PUT'),
	};

	async execute(this: IExecuteFunctions) {
		return await executeVerbRequest.call(this, 'PUT');
	}
}
