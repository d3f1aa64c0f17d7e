import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { encodeMultipart } from '../../../transport/multipart';
import { requestRoute } from '../../helpers/api';
import { readInputFile } from '../../helpers/binary';
import { binaryPropertyName } from '../common.descriptions';
import type { OperationRoute } from '../node.type';

export const route: OperationRoute = {
	method: 'POST',
	path: '/v3/usage',
	operationId: 'Usage_UploadUsageEventsCleanupFile',
};

/** A ULID: 26 characters of Crockford base32 (no I, L, O, U), the first at most 7. */
const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/i;

const properties: INodeProperties[] = [
	{
		displayName: 'Event ID Source',
		name: 'source',
		type: 'options',
		options: [
			{
				name: 'Event ID',
				value: 'eventId',
				description: 'Type or map the ULID; the node builds the file Alteryx expects',
			},
			{
				name: 'Binary File',
				value: 'binary',
				description:
					'A file from the input item that contains the ULID (e.g. the AAC response file)',
			},
		],
		default: 'eventId',
	},
	{
		displayName: 'Event ID (ULID)',
		name: 'eventId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 01J9A7Y8K2M3N4P5Q6R7S8T9V0',
		displayOptions: { show: { source: ['eventId'] } },
		description:
			'The eventId of the last usage event to delete: every usage event with an eventId up to and including this ULID is deleted for good',
	},
	{
		...binaryPropertyName(
			'Input Binary Field',
			'The binary property of the input item that holds the file with the ULID',
		),
		displayOptions: { show: { source: ['binary'] } },
	},
];

const displayOptions = { show: { resource: ['usage'], operation: ['deleteUpTo'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const source = this.getNodeParameter('source', itemIndex, 'eventId') as string;
	let data: Buffer;
	let fileName = 'usage-cleanup.txt';
	let mimeType = 'text/plain';
	if (source === 'binary') {
		const propertyName = this.getNodeParameter('binaryPropertyName', itemIndex) as string;
		const file = await readInputFile.call(this, itemIndex, propertyName);
		data = file.data;
		fileName = file.fileName || fileName;
		mimeType = file.mimeType || mimeType;
	} else {
		// ULIDs are case-insensitive; the canonical form is upper case.
		const typed = String(this.getNodeParameter('eventId', itemIndex, '')).trim();
		data = Buffer.from(typed.toUpperCase(), 'utf8');
	}
	const eventId = data.toString('utf8').trim();
	if (!ULID.test(eventId)) {
		throw new NodeOperationError(this.getNode(), 'The event ID is not a ULID', {
			description: `Alteryx expects exactly one ULID (26 characters such as 01J9A7Y8K2M3N4P5Q6R7S8T9V0), got "${eventId.slice(0, 60)}". Use the eventId of the last usage event to delete.`,
			itemIndex,
		});
	}
	const form = encodeMultipart([{ name: 'file', data, fileName, mimeType }]);
	await requestRoute.call(
		this,
		route,
		{ body: form.body, headers: { 'Content-Type': form.contentType } },
		itemIndex,
	);
	return [{ json: { success: true, deletedUpTo: eventId.toUpperCase() } }];
}
