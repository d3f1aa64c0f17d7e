import type { ResourceModule } from './node.type';
import * as flow from './flow/Flow.resource';
import * as jobGroup from './jobGroup/JobGroup.resource';
import * as plan from './plan/Plan.resource';
import * as schedule from './schedule/Schedule.resource';
import * as user from './user/User.resource';
import * as workspace from './workspace/Workspace.resource';

/**
 * Every resource of the Alteryx Analytics Cloud node. Adding a resource: create
 * `actions/<resource>/<Resource>.resource.ts` with its operations, import it here and add it to
 * this list. The Resource dropdown, the router and the coverage test all read this list.
 */
export const resources: ResourceModule[] = [flow, jobGroup, plan, schedule, user, workspace];
