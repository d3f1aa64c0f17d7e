import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/**
 * The item a CredentialView (the answer of Create and Update) becomes. That view names the ID
 * `credentialId` where every other credential answer says `id`; `id` is added so later nodes
 * can map the same field whichever operation produced the item. Only the server's answer is
 * returned: it has no password, and none is added.
 */
export function credentialViewToItem(view: IDataObject | undefined): INodeExecutionData {
	const json: IDataObject = { ...(view ?? {}) };
	delete json.password;
	delete json.newPassword;
	if (json.id === undefined && json.credentialId !== undefined) {
		return { json: { id: json.credentialId, ...json } };
	}
	return { json };
}
