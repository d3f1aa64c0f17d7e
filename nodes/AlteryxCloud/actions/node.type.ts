import type {
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

/**
 * The HTTP call an operation makes, as the Alteryx Analytics Cloud docs write it. The coverage
 * test collects these from the registry, so every operation states what it calls.
 */
export interface CloudRoute {
	method: IHttpRequestMethods;
	/**
	 * The path as the Cloud docs write it, without a leading slash: 'plans/v1/plans/{planId}/run'.
	 * The transport sends `v4/…` to the workspace host and `plans/`, `scheduling/`, `iam/` to the
	 * API gateway. Each `{placeholder}` becomes exactly one path segment.
	 */
	path: string;
	/** What a call does, for errors: 'running plan {planId}'. */
	action: string;
}

/** One `<op>.operation.ts` file. */
export interface OperationModule {
	description: INodeProperties[];
	route: CloudRoute;
	/**
	 * Runs the operation for one input item. The router adds `pairedItem` and handles
	 * Continue On Fail, so operations only return what the item becomes.
	 */
	execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]>;
}

/** One `<Resource>.resource.ts` file. */
export interface ResourceModule {
	resource: {
		/** Shown in the Resource dropdown: 'Plan'. */
		name: string;
		/** The parameter value and folder name: 'plan'. */
		value: string;
		description: string;
	};
	/** The Operation selector of the resource followed by every operation's fields. */
	description: INodeProperties[];
	operations: Record<string, OperationModule>;
}
