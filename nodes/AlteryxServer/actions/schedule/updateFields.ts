import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idInCollection, locatorValue, toAppValues } from '../../helpers/parameters';
import {
	credentialLocator,
	priorityOptions,
	scheduleLocator,
	userLocator,
	workflowLocator,
} from '../common.descriptions';
import { iterationProperties } from './iteration';

/** The "Change Recurrence" switch of Update and Update (Patch). */
const changeIterationProperty: INodeProperties = {
	displayName: 'Change Recurrence',
	name: 'changeIteration',
	type: 'boolean',
	default: false,
	description:
		'Whether to replace when and how often the schedule runs (start time, recurrence, end time) with the fields below',
};

/** The schedule settings Update and Update (Patch) can change, besides the recurrence. */
function scheduleUpdateFields(description: string): INodeProperties {
	return {
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description,
		options: [
			{
				displayName: 'Comment',
				name: 'comment',
				type: 'string',
				default: '',
				typeOptions: { rows: 2 },
				description: 'A note about the schedule (up to 1024 characters); empty clears it',
			},
			credentialLocator({
				required: false,
				description:
					'The Alteryx credential the scheduled runs use. Leave empty to remove the credential.',
			}),
			{
				displayName: 'Enabled',
				name: 'enabled',
				type: 'boolean',
				default: true,
				description: 'Whether the schedule runs; off pauses it without deleting it',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'The schedule’s new name (up to 256 characters)',
			},
			userLocator({
				name: 'ownerId',
				displayName: 'Owner',
				required: false,
				description: 'The user who becomes the owner of the schedule',
			}),
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'options',
				options: priorityOptions,
				default: 'Default',
				description:
					'Queue priority of the scheduled jobs; Alteryx ignores it unless the API user may set priorities or is a Curator',
			},
			{
				displayName: 'Questions',
				name: 'questions',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Question Answer',
				default: {},
				description:
					'Answers to the analytic app’s questions; they replace all current answers (added without answers, it clears them)',
				options: [
					{
						displayName: 'Question',
						name: 'question',
						values: [
							{
								displayName: 'Name',
								name: 'name',
								type: 'string',
								default: '',
								description: 'The question’s name (see Workflow → Get Questions)',
							},
							{
								displayName: 'Value',
								name: 'value',
								type: 'string',
								default: '',
								description: 'The answer, as text (for a list question, one of its values)',
							},
						],
					},
				],
			},
			{
				displayName: 'Time Zone',
				name: 'timeZone',
				type: 'string',
				default: '',
				placeholder: 'e.g. Eastern Standard Time',
				description:
					'A time zone from Alteryx’s list of valid time zones, in which the schedule’s times are read. Without it the schedule keeps its current zone.',
			},
			{
				displayName: 'Worker Tag',
				name: 'workerTag',
				type: 'string',
				default: '',
				description:
					'Runs the scheduled jobs only on workers with this tag (empty for any worker); Alteryx ignores it unless the API user may assign workers',
			},
			workflowLocator({
				required: false,
				description: 'Another workflow for the schedule to run (its published version)',
			}),
		],
	};
}

/** The Update Fields the user added, with the names of the schedule contracts. */
function readScheduleChanges(
	this: IExecuteFunctions,
	fields: IDataObject,
	itemIndex: number,
): IDataObject {
	const changes: IDataObject = {};
	for (const field of ['comment', 'enabled', 'name', 'priority', 'workerTag']) {
		if (fields[field] !== undefined) changes[field] = fields[field];
	}
	if (fields.timeZone !== undefined && String(fields.timeZone).trim() !== '') {
		changes.timeZone = String(fields.timeZone).trim();
	}
	const credentialId = idInCollection(fields, 'credentialId');
	if (credentialId !== undefined) changes.credentialId = credentialId;
	for (const [field, label] of [
		['ownerId', 'Owner'],
		['workflowId', 'Workflow'],
	]) {
		const id = idInCollection(fields, field);
		if (id === undefined) continue;
		if (id === '') {
			throw new NodeOperationError(this.getNode(), `${label} is empty`, {
				description: `${label} was added under Update Fields without a value: pick one from the list, enter its ID, or remove the field.`,
				itemIndex,
			});
		}
		changes[field] = id;
	}
	if (fields.questions !== undefined) {
		changes.questions = toAppValues((fields.questions as IDataObject).question);
	}
	return changes;
}

/**
 * The fields of Update and Update (Patch): the schedule, the recurrence switch and its fields,
 * and Update Fields, whose description says how the operation treats the fields not added.
 */
export function scheduleUpdateProperties(updateFieldsDescription: string): INodeProperties[] {
	return [
		scheduleLocator({ description: 'The schedule to update' }),
		changeIterationProperty,
		...iterationProperties({ changeIteration: [true] }),
		scheduleUpdateFields(updateFieldsDescription),
	];
}

/**
 * What Update and Update (Patch) read before any call: the schedule, whether the recurrence
 * changes, and the other changes. An update that changes nothing is refused.
 */
export function readScheduleUpdate(
	this: IExecuteFunctions,
	itemIndex: number,
): { scheduleId: string; changeIteration: boolean; changes: IDataObject } {
	const scheduleId = locatorValue.call(this, 'scheduleId', itemIndex);
	const changeIteration = this.getNodeParameter('changeIteration', itemIndex, false) as boolean;
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	if (!changeIteration && Object.keys(fields).length === 0) {
		throw new NodeOperationError(this.getNode(), 'No field to update was given', {
			description: 'Add at least one field under "Update Fields", or turn on "Change Recurrence".',
			itemIndex,
		});
	}
	return {
		scheduleId,
		changeIteration,
		changes: readScheduleChanges.call(this, fields, itemIndex),
	};
}
