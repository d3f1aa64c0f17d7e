import type {
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

/**
 * The HTTP call an operation makes, as the Alteryx Server swagger names it. The swagger
 * coverage test collects these from the registry, so every operation states what it calls.
 */
export interface OperationRoute {
	method: IHttpRequestMethods;
	/** The path as in the swagger, relative to the Web API address: '/v3/workflows/{workflowId}'. */
	path: string;
	/** The swagger operationId; null only for endpoints the V3 swagger does not describe. */
	operationId: string | null;
	/** Why the endpoint is outside the V3 swagger (required when operationId is null). */
	outsideSwagger?: string;
}

/** One `<op>.operation.ts` file. */
export interface OperationModule {
	description: INodeProperties[];
	route: OperationRoute;
	/**
	 * Runs the operation for one input item. The router adds `pairedItem` and handles
	 * Continue On Fail, so operations only return what the item becomes.
	 */
	execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]>;
	/**
	 * For operations whose items must not overlap: items with the same key run one after
	 * another, in item order; the others run concurrently (Concurrent Requests). An update that
	 * reads a record and writes it back keys by the record's ID; undefined means no constraint.
	 */
	sequentialKey?(this: IExecuteFunctions, itemIndex: number): string | undefined;
}

/** One `<Resource>.resource.ts` file. */
export interface ResourceModule {
	resource: {
		/** Shown in the Resource dropdown: 'Workflow'. */
		name: string;
		/** The parameter value and folder name: 'workflow'. */
		value: string;
		description: string;
	};
	/** The Operation selector of the resource followed by every operation's fields. */
	description: INodeProperties[];
	operations: Record<string, OperationModule>;
}
