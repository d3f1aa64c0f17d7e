'use strict';

// Test hooks for what changes on a server over time, used by the trigger's tests and the demo:
// jobs that finish (one or thousands, with a given result), new workflows, new workflow
// versions, a changed published version, schedules whose lastError/state/enabled change.
// They are mixed into AlteryxServerEmulator (index.js); `this` is the emulator. Every time is on
// the emulator's clock (emulator.now(), moved with advanceTime()).

const { createJob } = require('./jobs-runner');
const { objectId } = require('./ids');
const { makeVersion } = require('./records');
const { seedWorkflow, SEED_IDS } = require('./seed');
const { inspectPackage } = require('./packages');
const { publishedVersion } = require('./store');

class TimeHooks {
	/**
	 * Adds a job as if it had been queued and run, and returns its id.
	 * @param {object} spec
	 * @param {string} spec.workflowId
	 * @param {'Success'|'Warning'|'Error'} [spec.disposition] default: the workflow's simulation
	 * @param {number} [spec.finishedAtMs] when it completes (default: now); or give createdAtMs
	 * @param {number} [spec.createdAtMs]
	 * @param {number} [spec.queuedMs=0]
	 * @param {number} [spec.runningMs=1000]
	 * @param {string} [spec.userId] who ran it (default: the seeded Curator)
	 * @param {boolean} [spec.cancelled] cancelled at finishedAtMs instead of completing
	 */
	addJob(spec) {
		const workflow = this.state.workflows.get(spec.workflowId);
		if (!workflow) throw new Error(`No workflow ${spec.workflowId}`);
		const user = this.state.users.get(spec.userId || SEED_IDS.users.ada);
		const queuedMs = spec.queuedMs ?? 0;
		const runningMs = spec.runningMs ?? 1000;
		const finishedAtMs =
			spec.finishedAtMs ??
			(spec.createdAtMs === undefined ? this.now() : spec.createdAtMs + queuedMs + runningMs);
		const createdAtMs = spec.createdAtMs ?? finishedAtMs - queuedMs - runningMs;
		const job = createJob({
			workflow,
			version: publishedVersion(workflow),
			user,
			contract: { questions: spec.questions || [] },
			timings: spec.cancelled
				? { queuedMs, runningMs: Number.MAX_SAFE_INTEGER / 4 }
				: { queuedMs, runningMs },
			createdAtMs,
			disposition: spec.disposition,
		});
		if (spec.cancelled) job.cancelledAtMs = finishedAtMs;
		this.state.jobs.set(job.id, job);
		return job.id;
	}

	/**
	 * Adds `count` finished jobs, one every `spacingMs`, the last finishing at `lastFinishedAtMs`
	 * (default now); returns their ids, oldest first. `disposition` may be a function of the index.
	 */
	addJobs(count, { workflowIds, spacingMs = 1000, lastFinishedAtMs, disposition } = {}) {
		const ids = workflowIds || [SEED_IDS.workflows.dailySalesEtl];
		const last = lastFinishedAtMs ?? this.now();
		const added = [];
		for (let i = 0; i < count; i++) {
			added.push(
				this.addJob({
					workflowId: ids[i % ids.length],
					finishedAtMs: last - (count - 1 - i) * spacingMs,
					disposition: typeof disposition === 'function' ? disposition(i) : disposition,
				}),
			);
		}
		return added;
	}

	/** Publishes a new workflow (as an upload would) and returns its id. */
	addWorkflow({ name = 'New Workflow', ownerId = SEED_IDS.users.ada, dateMs } = {}) {
		const date = new Date(dateMs ?? this.now());
		const id = objectId(date);
		seedWorkflow(this.state, { id, name, ownerId, date: date.toISOString(), isPublic: true });
		return id;
	}

	/**
	 * Adds a version to a workflow (as "Upload New Version" would); `publish` also makes it the
	 * published one. Returns the version id.
	 */
	addWorkflowVersion(workflowId, { publish = true, comments = 'New version', dateMs } = {}) {
		const workflow = this.state.workflows.get(workflowId);
		if (!workflow) throw new Error(`No workflow ${workflowId}`);
		const latest = workflow.versions[workflow.versions.length - 1];
		const date = new Date(dateMs ?? this.now()).toISOString();
		const version = makeVersion({
			versionNumber: Math.max(...workflow.versions.map((v) => v.versionNumber)) + 1,
			date,
			pkg: latest.package,
			inspected: inspectPackage(latest.package, workflow.name),
			name: workflow.name,
			settings: latest,
			comments,
		});
		workflow.versions.push(version);
		if (publish) workflow.publishedVersionId = version.versionId;
		return version.versionId;
	}

	/** Makes an existing version the published one (a roll-back, say). */
	publishWorkflowVersion(workflowId, versionId) {
		const workflow = this.state.workflows.get(workflowId);
		if (!workflow || !workflow.versions.some((v) => v.versionId === versionId)) {
			throw new Error(`No version ${versionId} of workflow ${workflowId}`);
		}
		workflow.publishedVersionId = versionId;
	}

	/**
	 * Changes a schedule as the server would after a run: `{ lastError, state, enabled,
	 * lastRunTime, runCount }`; `state` overrides the computed one (the real values are not
	 * documented), `null` goes back to it.
	 */
	updateSchedule(scheduleId, patch) {
		const schedule = this.state.schedules.get(scheduleId);
		if (!schedule) throw new Error(`No schedule ${scheduleId}`);
		for (const [key, value] of Object.entries(patch)) {
			if (key === 'state' && value === null) delete schedule.state;
			else schedule[key] = value;
		}
		return schedule;
	}
}

module.exports = { TimeHooks };
