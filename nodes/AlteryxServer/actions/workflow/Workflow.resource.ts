import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../node.type';
import * as deleteWorkflow from './delete.operation';
import * as downloadPackage from './downloadPackage.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getJobs from './getJobs.operation';
import * as getQuestions from './getQuestions.operation';
import * as run from './run.operation';
import * as transfer from './transfer.operation';
import * as update from './update.operation';
import * as upload from './upload.operation';
import * as uploadVersion from './uploadVersion.operation';

export const resource: ResourceModule['resource'] = {
	name: 'Workflow',
	value: 'workflow',
	description:
		'Workflows and analytic apps: run them and wait for the job, list them, upload and download packages',
};

export const operations: ResourceModule['operations'] = {
	delete: deleteWorkflow,
	downloadPackage,
	get,
	getAll,
	getJobs,
	getQuestions,
	run,
	transfer,
	update,
	upload,
	uploadVersion,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['workflow'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a workflow',
				description: 'Delete a workflow and all its versions (Curator only)',
			},
			{
				name: 'Download Package',
				value: 'downloadPackage',
				action: 'Download a workflow package',
				description: 'Download the .yxzp package of a workflow version as a file',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a workflow',
				description: 'Get the details of a workflow, including its versions',
			},
			{
				name: 'Get Jobs',
				value: 'getJobs',
				action: 'Get the jobs of a workflow',
				description: 'List the jobs (runs) of a workflow, newest first',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many workflows',
				description: 'List the workflows the API user can see, optionally filtered',
			},
			{
				name: 'Get Questions',
				value: 'getQuestions',
				action: 'Get the questions of a workflow',
				description: 'List the questions (inputs) of an analytic app',
			},
			{
				name: 'Run',
				value: 'run',
				action: 'Run a workflow and wait for its job',
				description:
					'Run a workflow or analytic app (with answers to its questions) and wait for the job to finish: its result, messages and outputs. Turn off Wait for Completion to only queue it.',
			},
			{
				name: 'Transfer',
				value: 'transfer',
				action: 'Transfer a workflow to another owner',
				description: 'Give the workflow (and optionally its schedules) a new owner',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a workflow',
				description:
					'Change settings of a workflow; fields left out keep their current values (Curator only)',
			},
			{
				name: 'Upload',
				value: 'upload',
				action: 'Upload a workflow',
				description: 'Upload a workflow package (.yxzp) as a new workflow',
			},
			{
				name: 'Upload Version',
				value: 'uploadVersion',
				action: 'Upload a new version of a workflow',
				description: 'Upload a package (.yxzp) as a new version of an existing workflow',
			},
		],
		default: 'run',
	},
	...deleteWorkflow.description,
	...downloadPackage.description,
	...get.description,
	...getAll.description,
	...getJobs.description,
	...getQuestions.description,
	...run.description,
	...transfer.description,
	...update.description,
	...upload.description,
	...uploadVersion.description,
];
