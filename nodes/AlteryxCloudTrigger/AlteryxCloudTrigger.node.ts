import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { guardedPoll } from '../pollingTrigger/poll';
import { cloudCredentials } from '../transport/authentication';
import { eventSubtitle, triggerProperties } from './description';
import { fetchTestRun, pollRuns } from './events/finishedRuns';
import { jobGroups } from './events/jobGroupFinished';
import { planRuns } from './events/planRunFinished';
import type { RunSource } from './events/runSource';
import { type CloudEventName, readSettings } from './helpers/settings';
import * as loadOptions from './methods/loadOptions';

const SOURCES: Record<CloudEventName, RunSource> = {
	jobGroupFinished: jobGroups,
	planRunFinished: planRuns,
};

export class AlteryxCloudTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alteryx Analytics Cloud Trigger',
		name: 'alteryxCloudTrigger',
		icon: {
			light: 'file:../../icons/alteryx-cloud-trigger.svg',
			dark: 'file:../../icons/alteryx-cloud-trigger.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: eventSubtitle,
		// n8n's nodes panel shows this trigger and the Alteryx Analytics Cloud node as one entry,
		// "Alteryx Analytics Cloud", with this description: it names what both do.
		description:
			'Run plans and flows in Alteryx Analytics Cloud (Alteryx One) and wait for them, get job groups and their outputs; or start a workflow when a plan run or job group finishes',
		defaults: { name: 'Alteryx Analytics Cloud Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: cloudCredentials,
		properties: triggerProperties,
	};

	methods = { loadOptions };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const settings = readSettings.call(this);
		const source = SOURCES[settings.event];
		if (this.getMode() === 'manual') {
			// Fetch Test Event: the latest real event; the trigger's state is left alone.
			return [await fetchTestRun.call(this, source, settings)];
		}
		return await guardedPoll(this, async () => await pollRuns.call(this, source, settings));
	}
}
