import type { INodePropertyOptions } from 'n8n-workflow';

/** The Role enum of the user and user group contracts. */
export const roleOptions: INodePropertyOptions[] = [
	{
		name: 'Artisan',
		value: 'Artisan',
		description: 'Can also upload (publish) workflows and share them',
	},
	{
		name: 'Curator',
		value: 'Curator',
		description: 'Server administrator: manages users, groups, workflows and settings',
	},
	{
		name: 'Evaluated',
		value: 'Evaluated',
		description:
			'No fixed role: the server works it out from the default role and the user’s groups',
	},
	{
		name: 'Member',
		value: 'Member',
		description: 'Can run the workflows shared with them and work in collections',
	},
	{
		name: 'No Access',
		value: 'NoAccess',
		description: 'Cannot use the server',
	},
	{
		name: 'Viewer',
		value: 'Viewer',
		description: 'Can view and run public workflows',
	},
];

/** The languages UpdateUserContract accepts. */
export const languageOptions: INodePropertyOptions[] = [
	{ name: 'Chinese (Simplified)', value: 'zh-cn' },
	{ name: 'English', value: 'en-us' },
	{ name: 'French', value: 'fr-fr' },
	{ name: 'German', value: 'de-de' },
	{ name: 'Italian', value: 'it-it' },
	{ name: 'Japanese', value: 'ja-jp' },
	{ name: 'Portuguese (Brazil)', value: 'pt-br' },
	{ name: 'Spanish', value: 'es-es' },
];
