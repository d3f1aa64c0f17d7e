import { NodeApiError, NodeConnectionTypes, NodeOperationError, sleep } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	JsonObject,
} from 'n8n-workflow';

import { errorItem } from '../transport/items';
import {
	isRetryable,
	type RetryPolicy,
	retryDelayMs,
	retryPolicyFromOptions,
} from '../transport/retry';
import { type AccessToken, requestAccessToken, TokenExchangeError } from '../transport/token';
import {
	type AlteryxServerCredentials,
	InvalidAddressError,
	SERVER_CREDENTIAL_TYPE,
	webApiBaseUrl,
} from '../transport/webApi';

export class AlteryxAuthenticate implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alteryx Server Authenticate',
		name: 'alteryxAuthenticate',
		icon: {
			light: 'file:../../icons/alteryx-authenticate.svg',
			dark: 'file:../../icons/alteryx-authenticate.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: 'Get an access token',
		description:
			'Only when a later step needs the token itself (the other Alteryx nodes sign in by themselves): exchanges the API key and secret for a bearer token, like the Server API Authenticate macro',
		defaults: { name: 'Alteryx Server Authenticate' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'alteryxServerOAuth2Api', required: true }],
		// Not an AI tool: its output is a live bearer token, which must not reach a model's context.
		// n8n offers a tool variant only when this is truthy; its type allows no `false`, and the
		// lint (which n8n's verification scanner runs without inline disables) wants it present.
		usableAsTool: undefined,
		properties: [
			{
				displayName:
					'The other Alteryx nodes authenticate by themselves. Use this node when a later step needs the token itself, e.g. an HTTP Request node with an Authorization header of {{ $json.authorizationToken }}. The token is visible in the execution data. The legacy Gallery API keys (OAuth1, servers up to 2021.4) have no token to give: each request is signed on its own, so use the GET, POST, PUT or DELETE node with Authentication set to Alteryx Gallery API (Legacy OAuth1).',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Max Retry Wait (Seconds)',
						name: 'maxRetryWait',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 30,
						description: 'The longest wait before one retry of the token request',
					},
					{
						displayName: 'Retries on Transient Errors',
						name: 'maxRetries',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 10 },
						default: 3,
						description:
							'How often to repeat the token request after a 429 or 5xx, a dropped connection or a timeout, waiting longer each time. 0 turns retrying off.',
					},
					{
						displayName: 'Include Base64 Key+Secret',
						name: 'includeBase64KeySecret',
						type: 'boolean',
						default: false,
						description:
							'Whether to add "base64KeySecret" (the API key and secret, base64-encoded, as the Alteryx macro outputs it). WARNING: base64 is not encryption; anyone who can see this execution can read the secret. Only turn on if a later step cannot work without it.',
					},
				],
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const credentials = (await this.getCredentials(
			SERVER_CREDENTIAL_TYPE,
		)) as unknown as AlteryxServerCredentials;

		// One exchange for the whole run, however many items: every item gets the same token.
		const options = this.getNodeParameter('options', 0, {}) as {
			maxRetries?: number;
			maxRetryWait?: number;
		};
		const outcome = await exchangeWithRetries.call(
			this,
			credentials,
			retryPolicyFromOptions(options),
		);
		if ('failure' in outcome) {
			if (this.continueOnFail()) {
				return [items.map((_, itemIndex) => errorItem(outcome.failure, itemIndex))];
			}
			throw outcome.failure;
		}
		const { token, baseURL } = outcome;

		const tokenExpiration = new Date(token.issuedAt.getTime() + token.expiresIn * 1000);
		return [
			items.map((item, itemIndex) => {
				const options = this.getNodeParameter('options', itemIndex, {}) as {
					includeBase64KeySecret?: boolean;
				};
				const json = {
					...item.json,
					baseURL,
					authorizationToken: `Bearer ${token.accessToken}`,
					tokenExpiration: tokenExpiration.toISOString(),
					expiresIn: token.expiresIn,
				};
				if (options.includeBase64KeySecret === true) {
					Object.assign(json, {
						base64KeySecret: Buffer.from(
							`${credentials.apiAccessKey}:${credentials.apiAccessSecret}`,
						).toString('base64'),
					});
				}
				return { json, binary: item.binary, pairedItem: { item: itemIndex } };
			}),
		];
	}
}

/**
 * The token request changes nothing on the server, so it is repeated like the transport
 * repeats requests when the token endpoint is briefly down or busy.
 */
async function exchangeWithRetries(
	this: IExecuteFunctions,
	credentials: AlteryxServerCredentials,
	policy: RetryPolicy,
): Promise<
	{ token: AccessToken; baseURL: string } | { failure: NodeApiError | NodeOperationError }
> {
	const cancelSignal = this.getExecutionCancelSignal?.();
	for (let retry = 0; ; retry++) {
		try {
			const baseURL = webApiBaseUrl(credentials);
			const token = await requestAccessToken(
				async (requestOptions) => await this.helpers.httpRequest(requestOptions),
				credentials,
				undefined,
				cancelSignal,
			);
			return { token, baseURL };
		} catch (error) {
			// A cancelled execution is neither retried nor reported as a server failure.
			if (cancelSignal?.aborted) {
				return {
					failure: new NodeOperationError(this.getNode(), 'The execution was cancelled', {
						description: 'The token request was stopped.',
					}),
				};
			}
			const retryable =
				error instanceof TokenExchangeError &&
				isRetryable('POST', {
					kind: 'token',
					statusCode: error.endpointStatus,
					code: error.networkCode,
				});
			if (!retryable || retry >= policy.maxRetries)
				return { failure: toNodeError.call(this, error) };
			await sleep(retryDelayMs(retry + 1, policy));
		}
	}
}

function toNodeError(this: IExecuteFunctions, error: unknown) {
	if (error instanceof InvalidAddressError) {
		return new NodeOperationError(this.getNode(), error.message, { description: error.hint });
	}
	if (error instanceof TokenExchangeError) {
		return new NodeApiError(this.getNode(), { message: error.message } as JsonObject, {
			message: error.message,
			description: error.description,
			httpCode: error.endpointStatus ? String(error.endpointStatus) : undefined,
		});
	}
	return new NodeOperationError(this.getNode(), error as Error);
}
