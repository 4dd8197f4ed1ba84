import type { ExternalTaskView, LockedExternalTaskView } from '../external-tasks/dto/external-task.view.js';
import type { MessageOutcomeView } from '../messages/dto/message-outcome.view.js';
import type { DeployedVersion } from '#persistence';
import type { TaskView } from '../tasks/dto/task.view.js';
import type { InstanceSummaryView } from '../instances/dto/instance-summary.view.js';
import type { InstanceView } from '../instances/dto/instance.view.js';
import { typedVariablesOf, type TypedVariables } from './camunda-variables.js';

/** The version of Camunda 7's REST API these shapes follow. */
export const CAMUNDA_API_VERSION = '7.24.0';
/** Camunda's name of the one process engine. */
export const ENGINE_NAME = 'default';

/** Camunda writes dates as `2026-01-05T09:00:00.000+0000`. */
export const camundaDate = (iso: string | null | undefined): string | null => (iso ? iso.replace(/Z$/, '+0000') : null);

/** Camunda's ExternalTaskDto: Tandem's activity instance is both the task and its execution. */
export const externalTaskOf = (task: ExternalTaskView) => ({
  activityId: task.elementId,
  activityInstanceId: task.id,
  errorMessage: task.errorMessage,
  executionId: task.id,
  id: task.id,
  lockExpirationTime: camundaDate(task.lockExpiresAt),
  createTime: camundaDate(task.createdAt),
  processDefinitionId: null,
  processDefinitionKey: null as string | null,
  processDefinitionVersionTag: null,
  processInstanceId: task.instanceId,
  tenantId: null,
  retries: task.retries,
  suspended: false,
  workerId: task.workerId,
  priority: 0,
  topicName: task.topic,
  businessKey: null as string | null,
});

/** Camunda's LockedExternalTaskDto, with the variables the topic asked for. */
export const lockedExternalTaskOf = (
  task: LockedExternalTaskView,
  variableNames?: readonly string[],
): ReturnType<typeof externalTaskOf> & { variables: TypedVariables; errorDetails: null; extensionProperties: Record<string, string> } => ({
  ...externalTaskOf(task),
  processDefinitionKey: task.processKey,
  businessKey: task.businessKey ?? null,
  errorDetails: null,
  variables: typedVariablesOf(task.variables, variableNames),
  extensionProperties: {},
});

/** Camunda's ProcessInstanceWithVariablesDto (the variables only when asked for, as Camunda does). */
export const processInstanceOf = (instance: InstanceView, withVariables: boolean) => ({
  links: [{ method: 'GET', href: `/engine-rest/process-instance/${instance.id}`, rel: 'self' }],
  id: instance.id,
  definitionId: instance.processVersionId,
  definitionKey: instance.processKey,
  businessKey: instance.businessKey ?? null,
  caseInstanceId: null,
  ended: instance.status === 'completed' || instance.status === 'canceled',
  suspended: instance.status === 'suspended',
  tenantId: null,
  ...(withVariables && { variables: typedVariablesOf(instance.variables) }),
});

/** Camunda's ActivityInstanceDto: one node of the activity instance tree. */
export interface CamundaActivityInstance {
  id: string;
  parentActivityInstanceId: string | null;
  activityId: string;
  activityType: string;
  activityName: string | null;
  name: string | null;
  processInstanceId: string;
  processDefinitionId: string;
  childActivityInstances: CamundaActivityInstance[];
  childTransitionInstances: [];
  executionIds: string[];
  incidentIds: string[];
  incidents: [];
}

/**
 * Camunda's activity instance tree of a running case (GET /process-instance/{id}/activity-instances):
 * the process instance at the root (activityId the definition id, as Camunda's), each waiting
 * activity under the sub-process or multi-instance body it runs in. Tandem has no transition
 * instances (an asynchronous continuation waits as a job of its activity).
 */
export const activityInstanceTreeOf = (instance: InstanceView): CamundaActivityInstance => {
  const node = (id: string, parentId: string | null, activityId: string, activityType: string, name: string | null): CamundaActivityInstance => ({
    id,
    parentActivityInstanceId: parentId,
    activityId,
    activityType,
    activityName: name,
    name,
    processInstanceId: instance.id,
    processDefinitionId: instance.processVersionId,
    childActivityInstances: instance.activities
      .filter((activity) => (activity.scopeId ?? instance.id) === id)
      .map((activity) => node(activity.id, id, activity.elementId, activity.elementType, activity.name ?? null)),
    childTransitionInstances: [],
    executionIds: [id],
    incidentIds: [],
    incidents: [],
  });
  return node(instance.id, null, instance.processVersionId, 'processDefinition', null);
};

/** Camunda's ProcessInstanceDto of a list entry. */
export const processInstanceSummaryOf = (instance: InstanceSummaryView) => ({
  links: [],
  id: instance.id,
  definitionId: instance.processVersionId,
  definitionKey: instance.processKey,
  businessKey: instance.businessKey,
  caseInstanceId: null,
  ended: instance.status === 'completed' || instance.status === 'canceled',
  suspended: instance.status === 'suspended',
  tenantId: null,
});

/** Camunda's MessageCorrelationResultDto: an execution that received it, or the process instance it started. */
export const messageResultOf = (outcome: MessageOutcomeView) =>
  outcome.outcome === 'started'
    ? { resultType: 'ProcessDefinition', execution: null, processInstance: { id: outcome.instanceId, ended: false, suspended: false, tenantId: null, links: [] } }
    : { resultType: 'Execution', execution: { id: outcome.instanceId, processInstanceId: outcome.instanceId, ended: false, tenantId: null }, processInstance: null };

/** Camunda's TaskDto: Tandem's task is its activity instance, so the task id is also the execution id. */
export const taskOf = (task: TaskView) => ({
  id: task.id,
  name: task.name,
  assignee: task.assignee,
  owner: task.owner,
  created: camundaDate(task.createdAt),
  due: camundaDate(task.dueAt),
  followUp: camundaDate(task.followUpAt),
  lastUpdated: null,
  delegationState: null,
  description: null,
  executionId: task.id,
  parentTaskId: null,
  priority: task.priority,
  processDefinitionId: task.processVersionId,
  processInstanceId: task.instanceId,
  taskDefinitionKey: task.elementId,
  caseExecutionId: null,
  caseInstanceId: null,
  caseDefinitionId: null,
  suspended: false,
  formKey: task.formKey,
  camundaFormRef: null,
  tenantId: null,
});

/**
 * Camunda's DeploymentWithDefinitionsDto. Tandem has no deployment object of its own: the
 * deployment's id is its first process version's. Decisions and forms are deployed too, not listed.
 */
export const deploymentOf = (versions: readonly DeployedVersion[], { name, source, resources }: { name: string | null; source: string | null; resources: string[] }) => {
  const id = versions[0]?.id ?? null;
  return {
    links: [],
    id,
    name,
    source,
    deploymentTime: camundaDate(versions[0]?.deployedAt.toISOString()),
    tenantId: null,
    deployedProcessDefinitions: Object.fromEntries(
      versions.map((version, index) => [
        version.id,
        {
          id: version.id,
          key: version.key,
          category: null,
          description: null,
          name: version.name,
          version: version.version,
          resource: resources[index] ?? resources[0] ?? null,
          deploymentId: id,
          diagram: null,
          suspended: false,
          tenantId: null,
          versionTag: version.tag,
          historyTimeToLive: null,
          startableInTasklist: true,
        },
      ]),
    ),
    deployedCaseDefinitions: null,
    deployedDecisionDefinitions: null,
    deployedDecisionRequirementsDefinitions: null,
  };
};
