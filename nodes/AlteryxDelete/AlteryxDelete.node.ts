import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { verbNodeProperties } from '../AlteryxRequest/description';
import { alteryxCredentials } from '../transport/authentication';
import { executeVerbRequest } from '../AlteryxRequest/execute';

export class AlteryxDelete implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alteryx Server DELETE',
		name: 'alteryxDelete',
		icon: { light: 'file:../../icons/alteryx.svg', dark: 'file:../../icons/alteryx.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{"DELETE " + $parameter["endpoint"]}}',
		description:
			'Delete on Alteryx Server: cancel jobs, remove schedules, users, collections and workflows (the Server API DELETE macro)',
		defaults: { name: 'Alteryx Server DELETE' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: alteryxCredentials,
		properties: verbNodeProperties('DELETE'),
	};

	async execute(this: IExecuteFunctions) {
		return await executeVerbRequest.call(this, 'DELETE');
	}
}
