import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { cloudCredentials } from '../transport/authentication';
import { router } from './actions/router';
import { cloudSubtitle, versionProperties } from './actions/versionDescription';
import { listSearch } from './methods';

export class AlteryxCloud implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alteryx Analytics Cloud',
		name: 'alteryxCloud',
		icon: {
			light: 'file:../../icons/alteryx-cloud.svg',
			dark: 'file:../../icons/alteryx-cloud.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: cloudSubtitle,
		description:
			'Run plans and flows in Alteryx Analytics Cloud (Alteryx One) and wait for them; get job groups, their outputs and schedules',
		defaults: { name: 'Alteryx Analytics Cloud' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: cloudCredentials,
		properties: versionProperties,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}
