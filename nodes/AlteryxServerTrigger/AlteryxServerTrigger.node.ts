import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import { guardedPoll } from '../pollingTrigger/poll';
import { alteryxCredentials } from '../transport/authentication';
import { eventSubtitle, triggerProperties } from './description';
import * as jobFinished from './events/jobFinished';
import * as newWorkflowVersion from './events/newWorkflowVersion';
import * as scheduleFailed from './events/scheduleFailed';
import * as workflowPublished from './events/workflowPublished';
import { readSettings, type TriggerEventName, type TriggerSettings } from './helpers/settings';
import * as loadOptions from './methods/loadOptions';

interface TriggerEvent {
	poll(this: IPollFunctions, settings: TriggerSettings): Promise<INodeExecutionData[]>;
	fetchTestEvent(this: IPollFunctions, settings: TriggerSettings): Promise<INodeExecutionData[]>;
}

const EVENTS: Record<TriggerEventName, TriggerEvent> = {
	jobFinished,
	newWorkflowVersion,
	scheduleFailedOrDisabled: scheduleFailed,
	workflowPublished,
};

export class AlteryxServerTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alteryx Server Trigger',
		name: 'alteryxServerTrigger',
		icon: {
			light: 'file:../../icons/alteryx-trigger.svg',
			dark: 'file:../../icons/alteryx-trigger.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: eventSubtitle,
		// n8n's nodes panel shows this trigger and the Alteryx Server node as one entry, "Alteryx
		// Server", with this description: it names what both do.
		description:
			'Run workflows and wait for their jobs, download outputs, manage Alteryx Server; or start a workflow when a job finishes, a workflow is published or a schedule fails',
		defaults: { name: 'Alteryx Server Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: alteryxCredentials,
		properties: triggerProperties,
	};

	methods = { loadOptions };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const settings = readSettings.call(this);
		const event = EVENTS[settings.event];
		if (!event) {
			throw new NodeOperationError(this.getNode(), `Unknown event "${String(settings.event)}"`);
		}
		if (this.getMode() === 'manual') {
			// Fetch Test Event: the latest real event; the trigger's state is left alone.
			return [await event.fetchTestEvent.call(this, settings)];
		}
		return await guardedPoll(this, async () => await event.poll.call(this, settings));
	}
}
