import type { OperationRoute } from '../../AlteryxServer/actions/node.type';

/** The endpoints the trigger calls, as the Alteryx Server swagger names them. */
export const triggerRoutes = {
	/** Curators only; newer servers. Paged envelope of PagedJobSummaryView. */
	queueJobs: { method: 'GET', path: '/v3/jobs', operationId: 'Jobs_GetJobsInQueue' },
	workflowJobs: {
		method: 'GET',
		path: '/v3/workflows/{workflowId}/jobs',
		operationId: 'Workflows_GetJobsForWorkflow',
	},
	job: { method: 'GET', path: '/v3/jobs/{jobId}', operationId: 'Jobs_GetJobV3' },
	workflows: { method: 'GET', path: '/v3/workflows', operationId: 'Workflows_GetWorkflows' },
	workflow: {
		method: 'GET',
		path: '/v3/workflows/{workflowId}',
		operationId: 'Workflows_GetWorkflow',
	},
	schedules: { method: 'GET', path: '/v3/schedules', operationId: 'Schedules_GetSchedules' },
} satisfies Record<string, OperationRoute>;
