import type { ResourceModule } from './node.type';
import * as collection from './collection/Collection.resource';
import * as credential from './credential/Credential.resource';
import * as dcmAdmin from './dcmAdmin/DcmAdmin.resource';
import * as dcmConnection from './dcmConnection/DcmConnection.resource';
import * as job from './job/Job.resource';
import * as schedule from './schedule/Schedule.resource';
import * as serverDataConnection from './serverDataConnection/ServerDataConnection.resource';
import * as subscription from './subscription/Subscription.resource';
import * as usage from './usage/Usage.resource';
import * as user from './user/User.resource';
import * as userGroup from './userGroup/UserGroup.resource';
import * as workflow from './workflow/Workflow.resource';

/**
 * Every resource of the Alteryx Server node. Adding a resource: create
 * `actions/<resource>/<Resource>.resource.ts` with its operations, import it here and add it to
 * this list. The Resource dropdown, the router and the swagger coverage test all read this list.
 */
export const resources: ResourceModule[] = [
	collection,
	credential,
	dcmAdmin,
	dcmConnection,
	job,
	schedule,
	serverDataConnection,
	subscription,
	usage,
	user,
	userGroup,
	workflow,
];
