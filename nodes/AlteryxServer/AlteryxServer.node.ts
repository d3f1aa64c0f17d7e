import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { router } from './actions/router';
import { serverSubtitle, versionProperties } from './actions/versionDescription';
import { listSearch, loadOptions } from './methods';
import { alteryxCredentials } from '../transport/authentication';

export class AlteryxServer implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alteryx Server',
		name: 'alteryxServer',
		icon: { light: 'file:../../icons/alteryx.svg', dark: 'file:../../icons/alteryx.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: serverSubtitle,
		description:
			'Run workflows and wait for their jobs, get jobs and download their outputs, and manage workflows, users, collections and schedules: every V3 operation by name',
		defaults: { name: 'Alteryx Server' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: alteryxCredentials,
		properties: versionProperties,
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}
