import type { OperationRoute } from '../../AlteryxServer/actions/node.type';
import { listRoutes } from '../../AlteryxServer/methods/routes';

/** The endpoints the trigger calls, as the Alteryx Server swagger names them. */
export const triggerRoutes = {
	/** Curators only; newer servers. Paged envelope of PagedJobSummaryView. */
	queueJobs: listRoutes.jobs,
	workflowJobs: {
		method: 'GET',
		path: '/v3/workflows/{workflowId}/jobs',
		operationId: 'Workflows_GetJobsForWorkflow',
	},
	job: { method: 'GET', path: '/v3/jobs/{jobId}', operationId: 'Jobs_GetJobV3' },
	workflows: listRoutes.workflows,
	workflow: {
		method: 'GET',
		path: '/v3/workflows/{workflowId}',
		operationId: 'Workflows_GetWorkflow',
	},
	schedules: listRoutes.schedules,
} satisfies Record<string, OperationRoute>;
