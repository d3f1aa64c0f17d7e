import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** The SID of an Active Directory group (Windows-authenticated servers only). */
export function adGroupSidField(description: string): INodeProperties {
	return {
		displayName: 'Active Directory Group SID',
		name: 'sid',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. S-1-5-21-3623811015-3361044348-30300820-1013',
		hint: 'Only on servers that use Windows authentication',
		description,
	};
}

/** The SID typed or mapped by the user, without quotes or spaces; empty is refused. */
export function requireSid(this: IExecuteFunctions, itemIndex: number): string {
	const raw = String(this.getNodeParameter('sid', itemIndex, '') ?? '');
	// Users copy the swagger's example, which shows the SID in quotes.
	const sid = raw
		.trim()
		.replace(/^"(.*)"$/, '$1')
		.trim();
	if (!sid) {
		throw new NodeOperationError(this.getNode(), 'No Active Directory group SID was given', {
			description:
				'Enter the security identifier of the group, e.g. S-1-5-21-3623811015-3361044348-30300820-1013.',
			itemIndex,
		});
	}
	return sid;
}
