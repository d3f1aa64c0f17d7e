import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { v1NodeAuthenticationProperty, v1NodeCredentials } from '../transport/authentication';
import * as downloadOutput from './actions/job/downloadOutput.operation';
import * as getJob from './actions/job/get.operation';
import { router } from './actions/router';
import { listSearch } from './methods';
import * as getMany from './actions/workflow/getMany.operation';
import * as getQuestions from './actions/workflow/getQuestions.operation';
import * as run from './actions/workflow/run.operation';

/**
 * "Run a workflow with its questions, wait, take the output" over the V1 subscription API, for
 * legacy servers (2021.4 and older: /gallery/api/, OAuth1 keys) as for newer ones (/webapi/,
 * OAuth2): the paths are the same, so a workflow moves to a new server by its credential alone.
 * Why a node of its own: docs/decisions/0009-legacy-gallery-oauth1.md.
 */
export class AlteryxGallery implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alteryx Gallery (V1 API)',
		name: 'alteryxGallery',
		icon: {
			light: 'file:../../icons/alteryx-gallery.svg',
			dark: 'file:../../icons/alteryx-gallery.dark.svg',
		},
		group: ['transform'],
		version: 1,
		// "Workflow: Run and Wait", "Job: Download Output", … (a literal: n8n's lint reads it here)
		subtitle:
			'={{ ({"workflow:getMany":"Workflow: Get Many","workflow:getQuestions":"Workflow: Get Questions","workflow:run":"Workflow: Run","job:get":"Job: Get","job:downloadOutput":"Job: Download Output"})[$parameter.resource + ":" + $parameter.operation] + ($parameter.resource === "workflow" && $parameter.operation === "run" && $parameter.waitForCompletion !== false ? " and Wait" : "") }}',
		description:
			'Run a workflow with its questions, wait for the job and download its outputs over the V1 Gallery API: legacy servers (2021.4 and older, OAuth1 keys) and newer ones alike',
		defaults: { name: 'Alteryx Gallery' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: v1NodeCredentials,
		properties: [
			v1NodeAuthenticationProperty,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Job', value: 'job' },
					{ name: 'Workflow', value: 'workflow' },
				],
				default: 'workflow',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['workflow'] } },
				options: [
					{
						name: 'Get Many',
						value: 'getMany',
						action: 'Get many workflows of the studio',
						description: 'The workflows the key’s studio (subscription) can see',
					},
					{
						name: 'Get Questions',
						value: 'getQuestions',
						action: 'Get the questions of an analytic app',
					},
					{
						name: 'Run',
						value: 'run',
						action: 'Run a workflow and wait for its job',
						description: 'Queue a job with answers to the app’s questions, and wait for it',
					},
				],
				default: 'run',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['job'] } },
				options: [
					{
						name: 'Download Output',
						value: 'downloadOutput',
						action: 'Download an output file of a job',
					},
					{ name: 'Get', value: 'get', action: 'Get a job and its result' },
				],
				default: 'get',
			},
			...getMany.description,
			...getQuestions.description,
			...run.description,
			...getJob.description,
			...downloadOutput.description,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}
