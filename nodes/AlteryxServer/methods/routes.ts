import type { OperationRoute } from '../actions/node.type';

/** The list endpoints behind the "From List" pickers (methods/listSearch.ts). */
export const listRoutes = {
	workflows: { method: 'GET', path: '/v3/workflows', operationId: 'Workflows_GetWorkflows' },
	users: { method: 'GET', path: '/v3/users', operationId: 'Users_GetUsers' },
	collections: {
		method: 'GET',
		path: '/v3/collections',
		operationId: 'Collections_GetCollections',
	},
	schedules: { method: 'GET', path: '/v3/schedules', operationId: 'Schedules_GetSchedules' },
	userGroups: { method: 'GET', path: '/v3/usergroups', operationId: 'UserGroups_GetUserGroups' },
	credentials: {
		method: 'GET',
		path: '/v3/credentials',
		operationId: 'Credentials_GetCredentials',
	},
	jobs: { method: 'GET', path: '/v3/jobs', operationId: 'Jobs_GetJobsInQueue' },
} satisfies Record<string, OperationRoute>;

/** The endpoints behind the dropdowns of methods/loadOptions.ts (jobs: helpers/jobs.ts). */
export const loadOptionsRoutes = {
	workflowQuestions: {
		method: 'GET',
		path: '/v3/workflows/{workflowId}/questions',
		operationId: 'Workflows_GetWorkflowQuestions',
	},
} satisfies Record<string, OperationRoute>;
