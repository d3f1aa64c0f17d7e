import type { INodeProperties } from 'n8n-workflow';

import { authenticationProperty } from '../transport/authentication';
import { DEFAULT_MAX_EVENTS } from './helpers/settings';
import { outputFormatOptions } from '../AlteryxServer/helpers/outputFormats';

const jobFinished = { show: { event: ['jobFinished'] } };

export const triggerProperties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Job Finished',
				value: 'jobFinished',
				description: 'A job of a watched workflow finished with one of the chosen results',
			},
			{
				name: 'New Workflow Version',
				value: 'newWorkflowVersion',
				description:
					'A watched workflow got a new version, or another of its versions was published',
			},
			{
				name: 'Schedule Failed or Disabled',
				value: 'scheduleFailedOrDisabled',
				description:
					'A schedule’s last run failed (lastError), its state became a failure, or it was disabled',
			},
			{
				name: 'Workflow Published',
				value: 'workflowPublished',
				description: 'A new workflow was published to Alteryx Server',
			},
		],
		default: 'jobFinished',
	},
	{
		displayName: 'Results',
		name: 'results',
		type: 'multiOptions',
		displayOptions: jobFinished,
		options: [
			{ name: 'Cancelled', value: 'Cancelled' },
			{ name: 'Error', value: 'Error' },
			{ name: 'Success', value: 'Success' },
			{ name: 'Warning', value: 'Warning' },
		],
		default: ['Error'],
		description:
			'The job results that start the workflow. Alteryx reports a failed run as Completed with the disposition Error; a cancelled job as Cancelled.',
	},
	{
		displayName: 'Workflows',
		name: 'watch',
		type: 'options',
		displayOptions: {
			show: { event: ['jobFinished', 'newWorkflowVersion', 'scheduleFailedOrDisabled'] },
		},
		options: [
			{
				name: 'All Workflows',
				value: 'all',
				description:
					'Every workflow the API key’s user can see. For jobs this needs a Curator (GET v3/jobs).',
			},
			{ name: 'Selected Workflows', value: 'selected' },
		],
		default: 'all',
	},
	{
		displayName: 'Workflows to Watch Names or IDs',
		name: 'workflowIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getWorkflows' },
		displayOptions: {
			show: {
				event: ['jobFinished', 'newWorkflowVersion', 'scheduleFailedOrDisabled'],
				watch: ['selected'],
			},
		},
		default: [],
		description:
			'The workflows (or analytic apps) to watch. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Download Outputs',
				name: 'downloadOutputs',
				type: 'boolean',
				default: false,
				displayOptions: { show: { '/event': ['jobFinished'] } },
				description:
					'Whether to download every output file of the job into binary properties (output_0, output_1, …), as Job → Download Output does',
			},
			{
				displayName: 'Find Jobs With',
				name: 'jobSource',
				type: 'options',
				displayOptions: { show: { '/event': ['jobFinished'] } },
				options: [
					{
						name: 'Automatic',
						value: 'auto',
						description: 'GET v3/jobs when the user is a Curator, otherwise each workflow’s jobs',
					},
					{
						name: 'All Jobs (GET V3/jobs, Curators)',
						value: 'queue',
						description: 'One list of every job; Curators only, newer servers',
					},
					{
						name: 'Each Workflow’s Jobs',
						value: 'workflows',
						description:
							'GET v3/workflows/{ID}/jobs for each selected workflow; any role, older servers',
					},
				],
				default: 'auto',
			},
			{
				displayName: 'Include Events From the Last Days',
				name: 'includeEventsLastDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 1,
				description:
					'On its first poll the trigger also reports events of this many days before. Without it (and without Include Events Since), only events after activation are reported. For the jobs of a workflow’s job list, a job counts from when it was queued.',
			},
			{
				displayName: 'Include Events Since',
				name: 'includeEventsSince',
				type: 'dateTime',
				default: '',
				description:
					'On its first poll the trigger also reports events since this date. Without it (and without Include Events From the Last Days), only events after activation are reported.',
			},
			{
				displayName: 'Job Messages',
				name: 'jobMessages',
				type: 'options',
				displayOptions: { show: { '/event': ['jobFinished'] } },
				options: [
					{ name: 'For Errors and Warnings', value: 'errorsAndWarnings' },
					{ name: 'Always', value: 'all' },
					{ name: 'Never', value: 'none' },
				],
				default: 'errorsAndWarnings',
				description: 'When to add the job’s messages (what the engine logged) to the item',
			},
			{
				displayName: 'Max Events per Poll',
				name: 'maxEventsPerPoll',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_MAX_EVENTS,
				description:
					'The most items one poll emits; the rest are emitted by the next polls, oldest first',
			},
			{
				displayName: 'Output Binary Field Prefix',
				name: 'binaryPropertyPrefix',
				type: 'string',
				default: 'output_',
				displayOptions: { show: { '/event': ['jobFinished'], downloadOutputs: [true] } },
				description: 'Downloaded outputs go into binary properties named this prefix plus 0, 1, …',
			},
			{
				displayName: 'Output Format',
				name: 'outputFormat',
				type: 'options',
				options: outputFormatOptions,
				default: 'Raw',
				displayOptions: { show: { '/event': ['jobFinished'], downloadOutputs: [true] } },
				description:
					'The format to download outputs in; an output that does not offer it is downloaded in its first available format',
			},
		],
	},
];

const eventNames = Object.fromEntries(
	(
		(triggerProperties.find((property) => property.name === 'event')?.options ?? []) as Array<{
			name: string;
			value: string;
		}>
	).map((option) => [option.value, option.name]),
);

/** The trigger's subtitle on the canvas: the event by its name ("Job Finished"). */
export const eventSubtitle = `={{ (${JSON.stringify(eventNames)})[$parameter.event] }}`;
