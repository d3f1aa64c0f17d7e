import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { verbNodeProperties } from '../AlteryxRequest/description';
import { alteryxCredentials } from '../transport/authentication';
import { executeVerbRequest } from '../AlteryxRequest/execute';

export class AlteryxGet implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alteryx Server GET',
		name: 'alteryxGet',
		icon: { light: 'file:../../icons/alteryx.svg', dark: 'file:../../icons/alteryx.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{"GET " + $parameter["endpoint"]}}',
		description:
			'Read from Alteryx Server: lists, details, job status, package and output downloads (the Server API GET macro)',
		defaults: { name: 'Alteryx Server GET' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: alteryxCredentials,
		properties: verbNodeProperties('GET'),
	};

	async execute(this: IExecuteFunctions) {
		return await executeVerbRequest.call(this, 'GET');
	}
}
