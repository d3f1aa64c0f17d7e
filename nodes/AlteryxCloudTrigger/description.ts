import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_MAX_EVENTS } from '../pollingTrigger/settings';
import { cloudAuthenticationProperty } from '../transport/authentication';

const planRuns = { show: { event: ['planRunFinished'] } };
const jobGroups = { show: { event: ['jobGroupFinished'] } };

export const triggerProperties: INodeProperties[] = [
	cloudAuthenticationProperty,
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Job Group Finished',
				value: 'jobGroupFinished',
				description:
					'A job group (a flow’s recipe run: GET v4/jobLibrary) ended with one of the chosen results',
			},
			{
				name: 'Plan Run Finished',
				value: 'planRunFinished',
				description:
					'A plan run (GET plans/v1/planSnapshotRuns) ended with one of the chosen results',
			},
		],
		default: 'planRunFinished',
	},
	{
		displayName: 'Results',
		name: 'results',
		type: 'multiOptions',
		options: [
			{ name: 'Canceled', value: 'Canceled' },
			{ name: 'Complete', value: 'Complete' },
			{ name: 'Failed', value: 'Failed' },
		],
		default: ['Failed'],
		description: 'The results that start the workflow',
	},
	{
		displayName: 'Plans',
		name: 'watch',
		type: 'options',
		displayOptions: planRuns,
		options: [
			{ name: 'All Plans', value: 'all' },
			{ name: 'Selected Plans', value: 'selected' },
		],
		default: 'all',
	},
	{
		displayName: 'Plans to Watch Names or IDs',
		name: 'planIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getPlans' },
		displayOptions: { show: { event: ['planRunFinished'], watch: ['selected'] } },
		default: [],
		description:
			'The plans whose runs to watch. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Flows',
		name: 'watch',
		type: 'options',
		displayOptions: jobGroups,
		options: [
			{ name: 'All Flows', value: 'all' },
			{ name: 'Selected Flows', value: 'selected' },
		],
		default: 'all',
	},
	{
		displayName: 'Flows to Watch Names or IDs',
		name: 'flowIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getFlows' },
		displayOptions: { show: { event: ['jobGroupFinished'], watch: ['selected'] } },
		default: [],
		description:
			'The flows whose job groups to watch. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Events From the Last Days',
				name: 'includeEventsLastDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 1,
				description:
					'On its first poll the trigger also reports runs created this many days before. Without it (and without Include Events Since), only runs that end after activation are reported.',
			},
			{
				displayName: 'Include Events Since',
				name: 'includeEventsSince',
				type: 'dateTime',
				default: '',
				description:
					'On its first poll the trigger also reports runs created since this date. Without it (and without Include Events From the Last Days), only runs that end after activation are reported.',
			},
			{
				displayName: 'Include Outputs',
				name: 'includeOutputs',
				type: 'boolean',
				default: false,
				displayOptions: { show: { '/event': ['jobGroupFinished'] } },
				description:
					'Whether to add where the job group wrote its outputs (GET v4/jobGroups/{ID}/outputs: files and tables) to the item',
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

/** The trigger's subtitle on the canvas: the event by its name ("Plan Run Finished"). */
export const eventSubtitle = `={{ (${JSON.stringify(eventNames)})[$parameter.event] }}`;
