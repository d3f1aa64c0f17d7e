import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { requestRouteJson } from '../helpers/api';
import { type JobView, jobRoutes } from '../helpers/jobs';
import { loadOptionsRoutes } from './routes';

/**
 * The id in a resource locator of the node being edited. Read raw rather than with
 * extractValue, which throws while the editor's parameters are incomplete.
 */
function currentId(this: ILoadOptionsFunctions, name: string): string {
	const raw = this.getCurrentNodeParameter(name) as unknown;
	const value = raw && typeof raw === 'object' ? (raw as { value?: unknown }).value : raw;
	return typeof value === 'string' ? value.trim() : '';
}

/** The questions of the chosen analytic app, offered by name (Workflow → Run). */
export async function getWorkflowQuestions(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const workflowId = currentId.call(this, 'workflowId');
	if (!workflowId) return [];
	const questions = (await requestRouteJson.call(this, loadOptionsRoutes.workflowQuestions, {
		path: { workflowId },
	})) as IDataObject[] | undefined;
	return (Array.isArray(questions) ? questions : []).map((question) => {
		const items = (question.items as Array<{ key?: string; value?: string }> | undefined) ?? [];
		const choices = items.map((item) => item.value ?? item.key).filter(Boolean);
		const details = [
			question.description,
			question.questionType ?? question.type,
			question.value !== undefined && question.value !== ''
				? `default: ${String(question.value)}`
				: undefined,
			choices.length ? `choices: ${choices.join(', ')}` : undefined,
		].filter(Boolean);
		return {
			name: String(question.name),
			value: String(question.name),
			description: details.join(' · '),
		};
	});
}

async function jobOf(this: ILoadOptionsFunctions): Promise<JobView | undefined> {
	const jobId = currentId.call(this, 'jobId');
	if (!jobId) return undefined;
	return (await requestRouteJson.call(this, jobRoutes.get, {
		path: { jobId },
		qs: { includeMessages: false },
	})) as JobView;
}

/** The outputs of the chosen job (Job → Download Output). */
export async function getJobOutputs(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const job = await jobOf.call(this);
	return (job?.outputs ?? []).map((output) => ({
		name: output.fileName || output.id,
		value: output.id,
		description: `Formats: ${(output.availableFormats ?? []).join(', ')}`,
	}));
}

/** The formats the chosen output can be downloaded in. */
export async function getJobOutputFormats(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const outputId = String(this.getCurrentNodeParameter('outputId') ?? '');
	const job = await jobOf.call(this);
	const output = (job?.outputs ?? []).find((candidate) => candidate.id === outputId);
	return (output?.availableFormats ?? []).map((format) => ({ name: format, value: format }));
}
export * from './loadOptionsStudioUsers';
export * from './loadOptionsDcm';
