import type { AccessRule } from './access-rule.js';
import type { Access } from './principal.js';

/** Who may call one endpoint, and why it is so where that is not obvious (the README prints both). */
export interface Grant {
  rule: AccessRule;
  note?: string;
}

const PUBLIC: Grant = { rule: { kind: 'public' } };
const SIGNED_IN: Grant = { rule: { kind: 'signedIn' } };
/** The roles named (and admins, who may call every endpoint that is not public). */
const roles = (...allowed: Access[]): Grant => ({ rule: { kind: 'roles', roles: allowed } });
const noted = (grant: Grant, note: string): Grant => ({ ...grant, note });

const ADMIN_ONLY = roles();
const READERS_OF_MODELS = roles('designer', 'analyst');
const OFFERED_ONLY = 'only tasks assigned or offered to them (TASK_NOT_CANDIDATE)';
/** Starting a case at an element skips the steps before it: an operator's act (instances/start-before-access.ts). */
const START_BEFORE_ADMINS = 'with startBefore (a case moved in at an element): admins only';
const WHILE_OPEN = `${OFFERED_ONLY}, and only while they have an open task in the case (CASE_ACCESS_ENDED)`;
const ANALYSTS_RUN_EXPERIMENTS = 'analysts own the dual-track experiments: they steer which version new cases start on, never a running case';

/**
 * The role table: every endpoint of the API and who may call it. The one declaration: the
 * controllers' @Allow reads its rule from here, the README's "Who may do what" table is written
 * from it (scripts/write-role-table.ts), and test/e2e/role-matrix.e2e-spec.ts calls every endpoint
 * as every role and expects exactly what it says.
 */
export const ROLE_TABLE = {
  'GET /api/health': PUBLIC,
  'GET /api/health/live': PUBLIC,
  'GET /api/settings': PUBLIC,
  'POST /api/auth/login': PUBLIC,
  'POST /api/auth/refresh': noted(PUBLIC, 'with the refresh cookie of a session'),
  'POST /api/auth/logout': noted(PUBLIC, 'ends the session of the refresh cookie or bearer token sent'),
  'GET /api/auth/me': SIGNED_IN,

  'POST /api/deployments': roles('designer'),
  'POST /api/deployments/preview': noted(roles('designer'), 'what a deployment would change (diff against the newest version, experiments and callers of the key); stores nothing'),
  'GET /api/drafts/{name}': noted(roles('designer'), "the caller's own modeler drafts only"),
  'PUT /api/drafts/{name}': noted(roles('designer'), 'as above'),
  'DELETE /api/drafts/{name}': noted(roles('designer'), 'as above'),
  'GET /api/process-versions': READERS_OF_MODELS,
  'GET /api/process-versions/{id}': READERS_OF_MODELS,
  'PATCH /api/process-versions/{id}': roles('designer'),
  'GET /api/process-versions/{before}/diff/{after}': READERS_OF_MODELS,
  'GET /api/decisions': READERS_OF_MODELS,
  'GET /api/decisions/{id}': READERS_OF_MODELS,
  'GET /api/forms': noted(roles('designer'), "the deployed form schemas, for those who deploy them; agents get a task's form through the task"),
  'GET /api/forms/{id}': noted(roles('designer'), 'as above'),

  'POST /api/processes/{key}/instances': noted(roles('agent', 'worker'), START_BEFORE_ADMINS),
  'GET /api/instances': roles('analyst'),
  'GET /api/instances/{id}': roles('analyst'),
  'GET /api/instances/{id}/steps': roles('analyst'),
  'GET /api/instances/{id}/audit': roles('analyst'),
  'POST /api/instances/{id}/cancel': ADMIN_ONLY,
  'POST /api/instances/{id}/suspend': ADMIN_ONLY,
  'POST /api/instances/{id}/resume': ADMIN_ONLY,
  'PUT /api/instances/{id}/variables': ADMIN_ONLY,
  'PATCH /api/instances/{id}/variables': ADMIN_ONLY,
  'POST /api/instances/{id}/migrate': ADMIN_ONLY,
  'POST /api/process-versions/{id}/migrate-instances': ADMIN_ONLY,

  'GET /api/tasks': noted(roles('agent'), `${OFFERED_ONLY}; a case's ended tasks (\`instanceId\` without \`status=open\`) only while they have an open task in it`),
  'GET /api/tasks/count': noted(roles('agent'), `${OFFERED_ONLY}; counted up to 50 ("50+" past it)`),
  'GET /api/tasks/{id}': noted(roles('agent'), WHILE_OPEN),
  'POST /api/tasks/events/tickets': noted(roles('agent'), 'for the stream below, which EventSource opens without headers'),
  'GET /api/tasks/events': noted(PUBLIC, 'authenticated by its `ticket` (EventSource sends no header): agents and admins; the events of tasks they may see'),
  'GET /api/tasks/{id}/form': noted(roles('agent'), `${WHILE_OPEN}; the form carries the case's variables`),
  'POST /api/tasks/{id}/claim': noted(roles('agent'), OFFERED_ONLY),
  'POST /api/tasks/{id}/complete': noted(roles('agent'), `${OFFERED_ONLY}; the one holding it`),
  'POST /api/tasks/{id}/unclaim': noted(roles('agent'), OFFERED_ONLY),
  'POST /api/tasks/{id}/start': noted(roles('agent'), OFFERED_ONLY),
  'POST /api/tasks/{id}/pause': noted(roles('agent'), OFFERED_ONLY),
  'POST /api/tasks/{id}/assign': noted(
    roles('agent'),
    'a supervisor (group `supervisors`) or the assignee, to an active agent who is a candidate for the task (ASSIGNEE_NOT_CANDIDATE)',
  ),
  'POST /api/tasks/{id}/delegate': noted(roles('agent'), 'the assignee, to an active agent who is a candidate for the task (ASSIGNEE_NOT_CANDIDATE)'),
  'POST /api/tasks/{id}/escalate': noted(roles('agent'), OFFERED_ONLY),
  'POST /api/tasks/{id}/comments': noted(roles('agent'), WHILE_OPEN),
  'GET /api/tasks/{id}/comments': noted(roles('agent'), WHILE_OPEN),
  'GET /api/tasks/{id}/history': noted(roles('agent'), WHILE_OPEN),
  'GET /api/escalation-reasons': roles('agent'),

  'POST /api/external-tasks/fetch-and-lock': roles('worker'),
  'POST /api/external-tasks/{id}/complete': roles('worker'),
  'POST /api/external-tasks/{id}/failure': roles('worker'),
  'POST /api/external-tasks/{id}/bpmn-error': roles('worker'),
  'POST /api/messages': roles('worker'),
  'POST /api/signals': roles('worker'),

  'GET /engine-rest/engine': SIGNED_IN,
  'GET /engine-rest/version': SIGNED_IN,
  'POST /engine-rest/external-task/fetchAndLock': roles('worker'),
  'GET /engine-rest/external-task': roles('worker', 'analyst'),
  'GET /engine-rest/external-task/{id}': roles('worker', 'analyst'),
  'POST /engine-rest/external-task/{id}/complete': roles('worker'),
  'POST /engine-rest/external-task/{id}/failure': roles('worker'),
  'POST /engine-rest/external-task/{id}/bpmnError': roles('worker'),
  'POST /engine-rest/external-task/{id}/extendLock': roles('worker'),
  'POST /engine-rest/external-task/{id}/unlock': noted(roles('worker'), "frees the task from whichever worker holds it, as Camunda's unlock does"),
  'POST /engine-rest/process-definition/key/{key}/start': noted(roles('agent', 'worker'), START_BEFORE_ADMINS),
  'POST /engine-rest/process-definition/{id}/start': noted(roles('agent', 'worker'), `that very version: no experiment routes the case; ${START_BEFORE_ADMINS}`),
  'GET /engine-rest/process-instance': roles('analyst'),
  'GET /engine-rest/process-instance/{id}': roles('analyst'),
  'GET /engine-rest/process-instance/{id}/variables': roles('analyst'),
  'GET /engine-rest/process-instance/{id}/activity-instances': noted(roles('analyst'), 'the waiting activities as a tree (what the Camunda 7 migration script reads)'),
  'DELETE /engine-rest/process-instance/{id}': noted(ADMIN_ONLY, 'cancels the case (its history stays), as POST /api/instances/{id}/cancel'),
  'POST /engine-rest/message': roles('worker'),
  'POST /engine-rest/deployment/create': noted(roles('designer'), 'multipart, as Camunda Modeler deploys'),
  'GET /engine-rest/task': noted(roles('agent'), OFFERED_ONLY),
  'POST /engine-rest/task/{id}/claim': noted(roles('agent'), `${OFFERED_ONLY}; for themselves (userId is the caller)`),
  'POST /engine-rest/task/{id}/unclaim': noted(roles('agent'), OFFERED_ONLY),
  'POST /engine-rest/task/{id}/complete': noted(roles('agent'), `${OFFERED_ONLY}; the one holding it`),
  'GET /engine-rest/task/{id}/form-variables': noted(roles('agent'), WHILE_OPEN),

  'GET /api/incidents': roles('analyst'),
  'GET /api/incidents/{id}': roles('analyst'),
  'POST /api/incidents/{id}/retry': ADMIN_ONLY,
  'POST /api/incidents/{id}/resolve': ADMIN_ONLY,

  'GET /api/analytics/activities': roles('analyst'),
  'GET /api/analytics/bottlenecks': roles('analyst'),
  'GET /api/analytics/cases': roles('analyst'),
  'GET /api/analytics/value-added': roles('analyst'),
  'GET /api/analytics/rework': roles('analyst'),
  'GET /api/analytics/utilisation': roles('analyst'),
  'GET /api/analytics/kpis': roles('analyst'),
  'POST /api/analytics/events/tickets': noted(roles('analyst'), 'for the stream below, which EventSource opens without headers'),
  'GET /api/analytics/events': noted(
    PUBLIC,
    'authenticated by its `ticket` (EventSource sends no header): analysts and admins; each case that starts or ends, for the running counts',
  ),
  'GET /api/analytics/event-log': roles('analyst'),
  'GET /api/analytics/kpi-targets/{processKey}': roles('analyst'),
  'PUT /api/analytics/kpi-targets/{processKey}': noted(
    roles('analyst'),
    "the yardstick of the analysts' own reports; it changes no case. A deployed process key and at least one known KPI (KPI_TARGETS_INVALID)",
  ),

  'POST /api/experiments': noted(roles('analyst'), ANALYSTS_RUN_EXPERIMENTS),
  'GET /api/experiments': noted(roles('analyst', 'designer'), 'designers too: they find the promoted experiment whose running cases they migrate'),
  'GET /api/experiments/{id}': noted(roles('analyst', 'designer'), 'as above'),
  'PUT /api/experiments/{id}': noted(roles('analyst'), ANALYSTS_RUN_EXPERIMENTS),
  'POST /api/experiments/{id}/start': noted(roles('analyst'), ANALYSTS_RUN_EXPERIMENTS),
  'POST /api/experiments/{id}/pause': noted(roles('analyst'), ANALYSTS_RUN_EXPERIMENTS),
  'POST /api/experiments/{id}/resume': noted(roles('analyst'), ANALYSTS_RUN_EXPERIMENTS),
  'POST /api/experiments/{id}/stop': noted(roles('analyst'), ANALYSTS_RUN_EXPERIMENTS),
  'POST /api/experiments/{id}/promote': noted(roles('analyst'), ANALYSTS_RUN_EXPERIMENTS),
  'GET /api/experiments/{id}/assignments': roles('analyst'),
  'GET /api/experiments/{id}/events': roles('analyst'),
  'POST /api/experiments/{id}/arms/{armId}/pause': noted(roles('analyst'), ANALYSTS_RUN_EXPERIMENTS),
  'POST /api/experiments/{id}/arms/{armId}/resume': noted(roles('analyst'), ANALYSTS_RUN_EXPERIMENTS),
  'GET /api/experiments/{id}/analysis': roles('analyst'),
  'GET /api/experiments/{id}/verdict': roles('analyst'),
  'POST /api/experiments/{id}/migrate-running': noted(
    roles('designer'),
    'moves running cases to another version, like a deployment change: designers (and admins), not the analysts who judged the experiment',
  ),
  'POST /api/simulations/calibration': noted(roles('analyst'), "reads the recorded history and costs CPU; predictions are the analysts' tool"),
  'POST /api/simulations/predictions': noted(roles('analyst'), 'as above'),

  'GET /api/users': ADMIN_ONLY,
  'POST /api/users': ADMIN_ONLY,
  'GET /api/users/{id}': ADMIN_ONLY,
  'PATCH /api/users/{id}': ADMIN_ONLY,
  'GET /api/groups': ADMIN_ONLY,
  'POST /api/groups': ADMIN_ONLY,
  'GET /api/groups/{id}': ADMIN_ONLY,
  'PATCH /api/groups/{id}': ADMIN_ONLY,
  'DELETE /api/groups/{id}': ADMIN_ONLY,
  'GET /api/api-keys': ADMIN_ONLY,
  'POST /api/api-keys': ADMIN_ONLY,
  'DELETE /api/api-keys/{id}': ADMIN_ONLY,
} as const satisfies Record<string, Grant>;

/** An endpoint as `METHOD /api/path/{param}` (or `/engine-rest/...`, Camunda 7's API), the key of the role table. */
export type Endpoint = keyof typeof ROLE_TABLE;

/** The endpoint key of an Express route: `POST` and `/api/tasks/:id/claim` -> `POST /api/tasks/{id}/claim`. */
export const endpointOf = (method: string, routePath: string): string => `${method.toUpperCase()} ${routePath.replace(/:(\w+)/g, '{$1}')}`;

/** The roles that may call a `roles` endpoint, admins included; none are named for public and signed-in ones. */
export const rolesAllowed = (endpoint: Endpoint): readonly Access[] => {
  const { rule } = ROLE_TABLE[endpoint];
  return rule.kind === 'roles' ? [...new Set<Access>([...rule.roles, 'admin'])] : [];
};
