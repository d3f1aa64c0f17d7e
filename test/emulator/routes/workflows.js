'use strict';

// /v3/workflows: list, get, multipart upload, new versions, update, delete, package download,
// questions, the job list of a workflow, enqueue and transfer.

const { objectId } = require('../ids');
const {
	json,
	empty,
	bytes,
	notFound,
	invalid,
	badRequest,
	forbidden,
	unauthorized,
	contentDisposition,
} = require('../responses');
const { bindForm } = require('../contracts');
const { parseMultipart } = require('../multipart');
const { inspectPackage } = require('../packages');
const { makeVersion, makeSimulation } = require('../records');
const { findVersion, publishedVersion } = require('../store');
const { createJob, jobView, workflowJobView, jobStatus } = require('../jobs-runner');
const {
	isCurator,
	canViewWorkflow,
	canDownloadWorkflow,
	canExecuteWorkflow,
	parseJsonArrayField,
	parseDateParam,
	removeFromArray,
} = require('./common');

const EXECUTION_MODES = ['Safe', 'SemiSafe', 'Standard'];
const CREDENTIAL_TYPES = ['Default', 'Required', 'Specific'];

function versionView(workflow, version) {
	return {
		versionId: version.versionId,
		versionNumber: version.versionNumber,
		dateCreated: version.dateCreated,
		uploadSource: version.uploadSource,
		uploadDate: version.uploadDate,
		packageWorkflowType: version.packageWorkflowType,
		published: version.versionId === workflow.publishedVersionId,
		comments: version.comments,
		runDisabled: version.runDisabled,
		executionMode: version.executionMode,
		workflowCredentialType: version.workflowCredentialType,
		credentialId: version.credentialId,
		hasPrivateDataExemption: version.hasPrivateDataExemption,
		othersMayDownload: version.othersMayDownload,
		othersCanViewHistory: version.othersCanViewHistory,
		details: { ...version.details },
	};
}

function runCount(state, workflowId, now) {
	let count = 0;
	for (const job of state.jobs.values())
		if (job.workflowId === workflowId && jobStatus(job, now) === 'Completed') count++;
	return count;
}

function workflowView(state, workflow, now) {
	const published = publishedVersion(workflow);
	return {
		id: workflow.id,
		sourceAppId: workflow.sourceAppId,
		dateCreated: workflow.dateCreated,
		runCount: runCount(state, workflow.id, now),
		versions: workflow.versions.map((v) => versionView(workflow, v)),
		name: workflow.name,
		ownerId: workflow.ownerId,
		workerTag: workflow.workerTag,
		districtTags: [...workflow.districtTags],
		comments: workflow.comments,
		isPublic: workflow.isPublic,
		isReadyForMigration: workflow.isReadyForMigration,
		publishedVersionId: workflow.publishedVersionId,
		othersMayDownload: workflow.othersMayDownload,
		othersCanViewHistory: workflow.othersCanViewHistory,
		othersCanExecute: workflow.othersCanExecute,
		executionMode: workflow.executionMode,
		hasPrivateDataExemption: workflow.hasPrivateDataExemption,
		packageWorkflowType: published.packageWorkflowType,
	};
}

function reducedWorkflowView(workflow) {
	const published = publishedVersion(workflow);
	return {
		id: workflow.id,
		sourceAppId: workflow.sourceAppId,
		name: workflow.name,
		ownerId: workflow.ownerId,
		dateCreated: workflow.dateCreated,
		publishedVersionNumber: published.versionNumber,
		isAmp: published.details.isAmp,
		executionMode: workflow.executionMode,
	};
}

function visibleWorkflow(ctx, id) {
	const workflow = ctx.state.workflows.get(id);
	return workflow && canViewWorkflow(ctx.state, ctx.user, workflow) ? workflow : null;
}

function outputNameFor(name) {
	return `${name.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '') || 'output'}.csv`;
}

/** Shared checks of the upload and new-version forms; returns a ModelState or null. */
function checkUploadFields(ctx, values, form) {
	const errors = {};
	if (values.executionMode !== undefined && !EXECUTION_MODES.includes(values.executionMode)) {
		errors.executionMode = [`The value '${values.executionMode}' is not valid for ExecutionMode.`];
	}
	if (
		values.workflowCredentialType !== undefined &&
		!CREDENTIAL_TYPES.includes(values.workflowCredentialType)
	) {
		errors.workflowCredentialType = [
			`The value '${values.workflowCredentialType}' is not valid for WorkflowCredentialType.`,
		];
	}
	if (values.ownerId !== undefined && !ctx.state.users.has(values.ownerId)) {
		errors.ownerId = ['The owner does not exist.'];
	}
	if (values.credentialId && !ctx.state.credentials.has(values.credentialId)) {
		errors.credentialId = ['The credential does not exist.'];
	}
	if (values.workflowCredentialType === 'Specific' && !values.credentialId) {
		errors.credentialId = ['A credentialId is required when WorkflowCredentialType is Specific.'];
	}
	for (const field of ['districtTags', 'collectionIds']) {
		if (form.fields[field] !== undefined && parseJsonArrayField(form.fields[field]) === null) {
			errors[field] = [`${field} must be a JSON array of strings, e.g. ["id1","id2"].`];
		}
	}
	return Object.keys(errors).length ? errors : null;
}

function readForm(ctx, operationId) {
	const form = parseMultipart(ctx.rawBody, ctx.headers['content-type']);
	if (!form) {
		return {
			response: json(415, {
				message: `The request entity's media type '${ctx.headers['content-type'] || ''}' is not supported for this resource.`,
			}),
		};
	}
	const { values, modelState } = bindForm(operationId, form);
	if (modelState) return { response: invalid(modelState) };
	const extra = checkUploadFields(ctx, values, form);
	if (extra) return { response: invalid(extra) };
	return { form, values };
}

function listWorkflows(ctx) {
	const { values } = ctx.queryValues;
	const q = ctx.query;
	const createdAfter = parseDateParam(q.get('createdAfter'));
	const createdBefore = parseDateParam(q.get('createdBefore'));
	if (createdAfter === null || createdBefore === null) {
		return invalid({
			[createdAfter === null ? 'createdAfter' : 'createdBefore']: [
				'The value is not a valid date.',
			],
		});
	}
	const name = q.get('name');
	const ownerId = q.get('ownerId');
	const full = values.view === 'Full';
	// skip/take and other unknown parameters are ignored, like the real server does.
	const result = [];
	for (const workflow of ctx.state.workflows.values()) {
		if (!canViewWorkflow(ctx.state, ctx.user, workflow)) continue;
		if (name && !workflow.name.toLowerCase().includes(name.toLowerCase())) continue;
		if (ownerId && workflow.ownerId !== ownerId) continue;
		const created = Date.parse(publishedVersion(workflow).dateCreated);
		if (createdAfter !== undefined && created < createdAfter) continue;
		if (createdBefore !== undefined && created > createdBefore) continue;
		result.push(full ? workflowView(ctx.state, workflow, ctx.now) : reducedWorkflowView(workflow));
	}
	return json(200, result);
}

function uploadWorkflow(ctx) {
	const read = readForm(ctx, 'Workflows_CreateWorkflow');
	if (read.response) return read.response;
	const { form, values } = read;
	const { state } = ctx;
	if (
		values.sourceAppId &&
		[...state.workflows.values()].some((w) => w.sourceAppId === values.sourceAppId)
	) {
		return invalid({ sourceAppId: ['A workflow with this sourceAppId already exists.'] });
	}
	const collectionIds = parseJsonArrayField(form.fields.collectionIds);
	const missingCollection = collectionIds.find((id) => !state.collections.has(id));
	if (missingCollection)
		return invalid({ collectionIds: [`Collection ${missingCollection} does not exist.`] });

	const date = new Date(ctx.now).toISOString();
	const id = objectId(new Date(ctx.now));
	const inspected = inspectPackage(values.file.data, values.name);
	const version = makeVersion({
		versionNumber: 1,
		date,
		pkg: values.file.data,
		inspected,
		name: values.name,
		settings: values,
		comments: values.comments,
	});
	state.workflows.set(id, {
		id,
		sourceAppId: values.sourceAppId || id,
		name: values.name,
		ownerId: values.ownerId,
		dateCreated: date,
		workerTag: values.workerTag || '',
		districtTags: parseJsonArrayField(form.fields.districtTags),
		comments: values.comments || '',
		isPublic: values.isPublic,
		isReadyForMigration: values.isReadyForMigration,
		othersMayDownload: values.othersMayDownload,
		othersCanViewHistory: true,
		othersCanExecute: values.othersCanExecute,
		executionMode: values.executionMode,
		hasPrivateDataExemption: Boolean(values.hasPrivateDataExemption),
		publishedVersionId: version.versionId,
		versions: [version],
		originalFileName: values.file.filename,
		simulation: makeSimulation({
			outputs: [{ fileName: outputNameFor(values.name), availableFormats: ['Raw', 'Csv', 'Xlsx'] }],
		}),
	});
	for (const collectionId of collectionIds) {
		const collection = state.collections.get(collectionId);
		if (!collection.workflowIds.includes(id)) collection.workflowIds.push(id);
	}
	return json(200, id);
}

function addVersion(ctx) {
	const workflow = visibleWorkflow(ctx, ctx.params.workflowId);
	if (!workflow) return json(404, 'The workflowId in the path is invalid.');
	if (!isCurator(ctx.user) && workflow.ownerId !== ctx.user.id) return unauthorized();
	const read = readForm(ctx, 'Workflows_AddVersionToWorkflow');
	if (read.response) return read.response;
	const { values } = read;
	const date = new Date(ctx.now).toISOString();
	const inspected = inspectPackage(values.file.data, values.name);
	const version = makeVersion({
		versionNumber: Math.max(...workflow.versions.map((v) => v.versionNumber)) + 1,
		date,
		pkg: values.file.data,
		inspected,
		name: values.name,
		settings: { ...values, othersCanViewHistory: workflow.othersCanViewHistory },
		comments: values.comments,
	});
	workflow.versions.push(version);
	if (values.makePublished) {
		workflow.publishedVersionId = version.versionId;
		workflow.name = values.name;
		workflow.ownerId = values.ownerId;
		workflow.othersMayDownload = values.othersMayDownload;
		workflow.othersCanExecute = values.othersCanExecute;
		workflow.executionMode = values.executionMode;
	}
	return json(200, workflowView(ctx.state, workflow, ctx.now));
}

function getWorkflow(ctx) {
	const workflow = visibleWorkflow(ctx, ctx.params.workflowId);
	return workflow ? json(200, workflowView(ctx.state, workflow, ctx.now)) : notFound();
}

function updateWorkflow(ctx) {
	const { state } = ctx;
	const workflow = state.workflows.get(ctx.params.workflowId);
	if (!workflow) return notFound();
	const contract = ctx.body;
	const errors = {};
	const version = findVersion(workflow, contract.versionId);
	if (!version)
		errors['updateWorkflowContract.versionId'] = [
			'The versionId does not belong to this workflow.',
		];
	const newOwner = state.users.get(contract.ownerId);
	const oldOwner = state.users.get(workflow.ownerId);
	if (!newOwner) errors['updateWorkflowContract.ownerId'] = ['The owner does not exist.'];
	else if (
		newOwner.id !== workflow.ownerId &&
		oldOwner &&
		newOwner.subscriptionId !== oldOwner.subscriptionId
	) {
		errors['updateWorkflowContract.ownerId'] = [
			'The new owner must be in the same subscription as the current owner.',
		];
	}
	if (contract.credentialId && !state.credentials.has(contract.credentialId)) {
		errors['updateWorkflowContract.credentialId'] = ['The credential does not exist.'];
	}
	if (Object.keys(errors).length) return invalid(errors);

	Object.assign(workflow, {
		name: contract.name,
		ownerId: contract.ownerId,
		workerTag: contract.workerTag,
		districtTags: [...contract.districtTags],
		comments: contract.comments,
		isPublic: contract.isPublic,
		isReadyForMigration: contract.isReadyForMigration,
		othersMayDownload: contract.othersMayDownload,
		othersCanExecute: contract.othersCanExecute,
		executionMode: contract.executionMode,
	});
	if (contract.othersCanViewHistory !== undefined)
		workflow.othersCanViewHistory = contract.othersCanViewHistory;
	if (contract.hasPrivateDataExemption !== undefined)
		workflow.hasPrivateDataExemption = contract.hasPrivateDataExemption;
	Object.assign(version, {
		executionMode: contract.executionMode,
		workflowCredentialType: contract.workflowCredentialType,
		credentialId: contract.credentialId,
		othersMayDownload: contract.othersMayDownload,
		othersCanViewHistory: workflow.othersCanViewHistory,
	});
	version.details.name = contract.name;
	if (contract.makePublished) workflow.publishedVersionId = version.versionId;
	return json(200, workflowView(state, workflow, ctx.now));
}

function deleteWorkflow(ctx) {
	const { state } = ctx;
	const workflow = state.workflows.get(ctx.params.workflowId);
	if (!workflow) return notFound();
	const schedules = [...state.schedules.values()].filter((s) => s.workflowId === workflow.id);
	if (schedules.length && !ctx.queryValues.values.force) {
		return badRequest('The workflow is scheduled. Set force=true to delete its schedules too.');
	}
	for (const schedule of schedules) {
		state.schedules.delete(schedule.id);
		for (const collection of state.collections.values())
			removeFromArray(collection.scheduleIds, schedule.id);
	}
	for (const collection of state.collections.values())
		removeFromArray(collection.workflowIds, workflow.id);
	state.workflows.delete(workflow.id);
	return empty(200);
}

function versionFor(ctx, workflow) {
	const versionId = ctx.query.get('versionId');
	if (versionId === undefined || versionId === '') return { version: publishedVersion(workflow) };
	const version = findVersion(workflow, versionId);
	return version ? { version } : { response: badRequest('Invalid VersionId') };
}

function downloadPackage(ctx) {
	const workflow = visibleWorkflow(ctx, ctx.params.workflowId);
	if (!workflow) return notFound();
	if (!canDownloadWorkflow(ctx.user, workflow)) return forbidden();
	const { version, response } = versionFor(ctx, workflow);
	if (response) return response;
	return bytes(200, version.package, 'application/octet-stream', {
		'Content-Disposition': contentDisposition(`${workflow.name}.yxzp`),
	});
}

function getQuestions(ctx) {
	const workflow = visibleWorkflow(ctx, ctx.params.workflowId);
	if (!workflow) return notFound();
	const { version, response } = versionFor(ctx, workflow);
	if (response) return response;
	return json(
		200,
		version.questions.map((q) => ({ ...q, items: q.items.map((i) => ({ ...i })) })),
	);
}

const JOB_SORT_FIELDS = {
	createdate: (job) => job.createdAtMs,
	status: (job, now) => jobStatus(job, now),
	priority: (job) => job.priority,
};

function parsePagingNumber(raw, name) {
	if (raw === undefined || raw === '') return { value: undefined };
	if (!/^\d+$/.test(raw.trim()))
		return { error: { [name]: [`The value '${raw}' is not valid for ${name}.`] } };
	return { value: Number(raw) };
}

function listWorkflowJobs(ctx) {
	const workflow = visibleWorkflow(ctx, ctx.params.workflowId);
	if (!workflow) return notFound();
	const { values } = ctx.queryValues;
	const offset = parsePagingNumber(ctx.query.get('offset'), 'offset');
	const limit = parsePagingNumber(ctx.query.get('limit'), 'limit');
	if (offset.error || limit.error) return invalid({ ...offset.error, ...limit.error });
	const now = ctx.now;
	let jobs = [...ctx.state.jobs.values()].filter((job) => job.workflowId === workflow.id);
	// status=Error means "completed with an error": the job status itself is still Completed.
	const byStatus = {
		Complete: (job) => jobStatus(job, now) === 'Completed',
		Error: (job) => jobStatus(job, now) === 'Completed' && job.disposition === 'Error',
		Running: (job) => jobStatus(job, now) === 'Running',
		Queued: (job) => jobStatus(job, now) === 'Queued',
	};
	if (values.status) jobs = jobs.filter(byStatus[values.status]);
	if (values.resultCode)
		jobs = jobs.filter(
			(job) => jobStatus(job, now) === 'Completed' && job.disposition === values.resultCode,
		);
	const sortKey =
		JOB_SORT_FIELDS[String(ctx.query.get('sortField') || 'createDate').toLowerCase()] ||
		JOB_SORT_FIELDS.createdate;
	const descending = String(ctx.query.get('direction') || 'desc').toLowerCase() !== 'asc';
	jobs.sort((a, b) => {
		const x = sortKey(a, now);
		const y = sortKey(b, now);
		const order = x < y ? -1 : x > y ? 1 : a.createdAtMs - b.createdAtMs;
		return descending ? -order : order;
	});
	const start = offset.value || 0;
	const page =
		limit.value === undefined ? jobs.slice(start) : jobs.slice(start, start + limit.value);
	return json(
		200,
		page.map((job) => workflowJobView(job, now)),
	);
}

function enqueueJob(ctx, emulator) {
	const { state } = ctx;
	const workflow = visibleWorkflow(ctx, ctx.params.workflowId);
	if (!workflow) return notFound();
	if (!canExecuteWorkflow(ctx.user, workflow)) return forbidden();
	const contract = ctx.body || {};
	const version = publishedVersion(workflow);
	if (contract.credentialId && !state.credentials.has(contract.credentialId)) {
		return invalid({ 'contract.credentialId': ['The credential does not exist.'] });
	}
	if (version.workflowCredentialType === 'Required' && !contract.credentialId) {
		return invalid({ 'contract.credentialId': ['This workflow requires a credential to run.'] });
	}
	if ((contract.questions || []).some((q) => !q || !q.name)) {
		return invalid({ 'contract.questions': ['Every question needs a name.'] });
	}
	// Only users allowed to prioritize jobs may pick a priority; the server ignores it otherwise.
	const mayPrioritize = isCurator(ctx.user) || ctx.user.canPrioritizeJobs;
	const job = createJob({
		workflow,
		version,
		user: ctx.user,
		contract: {
			...contract,
			priority: mayPrioritize ? contract.priority : 'Default',
			credentialId:
				contract.credentialId ||
				(version.workflowCredentialType === 'Specific' ? version.credentialId : null),
		},
		timings: emulator.options.jobTimings,
		createdAtMs: ctx.now,
	});
	state.jobs.set(job.id, job);
	emulator.counters.jobEnqueues++;
	return json(200, jobView(job, ctx.now));
}

function transferWorkflow(ctx) {
	const { state } = ctx;
	const workflow = state.workflows.get(ctx.params.workflowId);
	if (!workflow || !canViewWorkflow(state, ctx.user, workflow))
		return json(404, 'The workflow was not found.');
	if (!isCurator(ctx.user) && workflow.ownerId !== ctx.user.id) {
		return json(403, 'Only the owner of the workflow or a Curator can transfer it.');
	}
	const { ownerId, transferSchedules } = ctx.body;
	if (!state.users.has(ownerId)) return json(400, 'The new owner does not exist.');
	const previousOwner = workflow.ownerId;
	workflow.ownerId = ownerId;
	if (transferSchedules) {
		for (const schedule of state.schedules.values()) {
			if (schedule.workflowId === workflow.id && schedule.ownerId === previousOwner)
				schedule.ownerId = ownerId;
		}
	}
	return empty(200);
}

const routes = [
	{
		method: 'GET',
		path: '/v3/workflows',
		operationId: 'Workflows_GetWorkflows',
		handler: listWorkflows,
	},
	{
		method: 'POST',
		path: '/v3/workflows',
		operationId: 'Workflows_CreateWorkflow',
		multipart: true,
		handler: uploadWorkflow,
	},
	{
		method: 'GET',
		path: '/v3/workflows/{workflowId}',
		operationId: 'Workflows_GetWorkflow',
		handler: getWorkflow,
	},
	{
		method: 'PUT',
		path: '/v3/workflows/{workflowId}',
		operationId: 'Workflows_UpdateWorkflow',
		auth: 'curator',
		handler: updateWorkflow,
	},
	{
		method: 'DELETE',
		path: '/v3/workflows/{workflowId}',
		operationId: 'Workflows_DeleteWorkflow',
		auth: 'curator',
		handler: deleteWorkflow,
	},
	{
		method: 'GET',
		path: '/v3/workflows/{workflowId}/package',
		operationId: 'Workflows_DownloadWorkflow',
		handler: downloadPackage,
	},
	{
		method: 'GET',
		path: '/v3/workflows/{workflowId}/questions',
		operationId: 'Workflows_GetWorkflowQuestions',
		handler: getQuestions,
	},
	{
		method: 'GET',
		path: '/v3/workflows/{workflowId}/jobs',
		operationId: 'Workflows_GetJobsForWorkflow',
		handler: listWorkflowJobs,
	},
	// EnqueueJobContract has no required member; clients post `{}` or nothing at all.
	{
		method: 'POST',
		path: '/v3/workflows/{workflowId}/jobs',
		operationId: 'Workflows_Enqueue',
		bodyOptional: true,
		handler: enqueueJob,
	},
	{
		method: 'PUT',
		path: '/v3/workflows/{workflowId}/transfer',
		operationId: 'Workflows_TransferWorkflow',
		invalidAsString: true,
		handler: transferWorkflow,
	},
	{
		method: 'POST',
		path: '/v3/workflows/{workflowId}/versions',
		operationId: 'Workflows_AddVersionToWorkflow',
		multipart: true,
		handler: addVersion,
	},
];

module.exports = { routes, workflowView, reducedWorkflowView };
