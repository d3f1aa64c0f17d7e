import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { resources } from './registry';

const resourceSelector: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	// Built from the registry, alphabetically, so adding a resource needs no edit here.
	options: resources
		.map(({ resource }) => ({
			name: resource.name,
			value: resource.value,
			description: resource.description,
		}))
		.sort((a, b) => a.name.localeCompare(b.name)),
	default: 'workflow',
};

export const versionDescription: INodeTypeDescription = {
	displayName: 'Alteryx Server',
	name: 'alteryxServer',
	icon: { light: 'file:../../icons/alteryx.svg', dark: 'file:../../icons/alteryx.dark.svg' },
	group: ['transform'],
	version: 1,
	subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
	description:
		'Run workflows and wait for their jobs, download outputs and packages, and manage workflows, jobs and other assets on Alteryx Server',
	defaults: { name: 'Alteryx Server' },
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	usableAsTool: true,
	credentials: [{ name: 'alteryxServerOAuth2Api', required: true }],
	properties: [resourceSelector, ...resources.flatMap((module) => module.description)],
};
