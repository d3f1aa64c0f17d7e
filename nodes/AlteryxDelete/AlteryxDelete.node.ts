import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { verbNodeProperties } from '../AlteryxRequest/description';
import { requestCredentials } from '../transport/authentication';
import { executeVerbRequest } from '../AlteryxRequest/execute';

export class AlteryxDelete implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alteryx Server DELETE',
		name: 'alteryxDelete',
		icon: {
			light: 'file:../../icons/alteryx-delete.svg',
			dark: 'file:../../icons/alteryx-delete.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{"DELETE " + $parameter["endpoint"]}}',
		description:
			'Raw DELETE request to an Alteryx Server API path (V3, V1, admin), for endpoints the Alteryx Server node doesn’t cover; like the Server API DELETE macro',
		defaults: { name: 'Alteryx Server DELETE' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: requestCredentials,
		properties: verbNodeProperties('DELETE'),
	};

	async execute(this: IExecuteFunctions) {
		return await executeVerbRequest.call(this, 'DELETE');
	}
}
