import type { ModdleElement } from 'bpmn-moddle';
import { namespacePrefix } from '../parse/extension-attributes.js';

export const ZEEBE_NAMESPACE = 'http://camunda.org/schema/zeebe/1.0';

/**
 * What Tandem does with a `zeebe:` extension element:
 * - `supported`: run with Camunda 8's meaning;
 * - `translated`: mapped onto a Tandem concept of close but not identical meaning (the note says how);
 * - `kept`: read and shown, changes no run;
 * - `refused`: deploy is refused naming the element, since running without it would change what the model says.
 */
export type ZeebeSupport = 'supported' | 'translated' | 'kept' | 'refused';

export interface ZeebeElementSupport {
  support: ZeebeSupport;
  /** Where it may appear, as Camunda 8 places it. */
  on: string;
  /** What Tandem does with it; for a refusal, what to model instead. */
  note: string;
  /** The validation rule that refuses it with a message of its own, when the camunda-8 rule does not. */
  refusedBy?: string;
}

/**
 * Every extension element of Camunda 8's zeebe: schema (zeebe-bpmn-moddle's zeebe.json), by the
 * local name Camunda Modeler writes. docs/camunda-8-compatibility.md is checked against this table.
 */
export const ZEEBE_ELEMENTS = {
  taskDefinition: {
    support: 'supported',
    on: 'service, send, script and business rule tasks; message throw and end events',
    note: 'a job: an external task whose topic is the type; `retries` as given (3 when absent)',
  },
  taskHeaders: { support: 'supported', on: 'the elements with a taskDefinition', note: 'static key/value text handed to the worker (fetch-and-lock `headers`)' },
  ioMapping: {
    support: 'supported',
    on: 'activities and events',
    note: '`zeebe:input` / `zeebe:output`: a source starting with `=` is FEEL, anything else text; start events map the start variables',
  },
  subscription: { support: 'supported', on: 'message catch, boundary and start events, receive tasks', note: 'the correlation key, FEEL' },
  loopCharacteristics: {
    support: 'supported',
    on: 'multi-instance activities',
    note: 'inputCollection, inputElement, outputCollection, outputElement',
  },
  calledElement: {
    support: 'supported',
    on: 'call activities',
    note: 'processId (text or FEEL), propagateAllParentVariables, propagateAllChildVariables; bindingType latest or versionTag (deployment runs as latest, with a warning)',
  },
  calledDecision: {
    support: 'supported',
    on: 'business rule tasks',
    note: 'a deployed DMN decision by decisionId (text or FEEL); its result in resultVariable; bindingType deployment runs as latest with a warning, versionTag is refused (decisions carry no tags)',
  },
  script: { support: 'supported', on: 'script tasks', note: 'a FEEL expression; its value in resultVariable, which is required' },
  userTask: { support: 'supported', on: 'user tasks', note: 'marks a Camunda user task; every Tandem user task is one' },
  formDefinition: {
    support: 'supported',
    on: 'user tasks',
    note: 'formId: a deployed form by id (one not deployed yet is a warning, and the task waits for it); formKey: kept as an outside app’s key; externalReference: shown as the form’s address. On a start event it is not read: Tandem has no start forms',
  },
  userTaskForm: {
    support: 'translated',
    on: 'the process',
    note: 'an embedded form (Camunda 8.0–8.2) named by `formKey="camunda-forms:bpmn:<id>"` is the task’s form when Tandem can render it; otherwise a warning and the key is kept',
  },
  assignmentDefinition: { support: 'supported', on: 'user tasks', note: 'assignee, candidateGroups, candidateUsers: text lists or FEEL' },
  taskSchedule: { support: 'supported', on: 'user tasks', note: 'dueDate (the task’s due date and SLA) and followUpDate: ISO 8601 or FEEL' },
  priorityDefinition: {
    support: 'translated',
    on: 'user tasks',
    note: 'the task’s priority, 0–100, a number or FEEL; without it Tandem’s own priority rule applies, not Camunda’s fixed 50',
  },
  properties: {
    support: 'kept',
    on: 'any element',
    note: 'name/value pairs kept on flow nodes, sequence flows and the process; shown on the task, in the tasklist and in the version diff',
  },
  adHoc: { support: 'supported', on: 'ad-hoc sub-processes', note: 'activeElementsCollection' },
  jobPriorityDefinition: {
    support: 'kept',
    on: 'job-worker elements',
    note: 'kept; workers fetch oldest first, as a fetch-and-lock without usePriority does',
  },
  versionTag: {
    support: 'supported',
    on: 'the process',
    note: 'the new version’s tag, unless the deployment names one; at most 40 characters',
  },
  linkedResources: {
    support: 'refused',
    on: 'job-worker elements',
    note: 'resources deployed beside the model (RPA scripts) for the worker; Tandem deploys none: hand the worker what it needs as a header or an input mapping',
    refusedBy: 'zeebe-deployment-settings',
  },
  executionListeners: {
    support: 'refused',
    on: 'flow elements and the process',
    note: 'jobs run before or after an element; model them as service tasks before or after it',
  },
  taskListeners: {
    support: 'refused',
    on: 'user tasks',
    note: 'jobs on a user task’s lifecycle; use the task events stream (`GET /api/tasks/events`) or a service task',
  },
  conditionalFilter: {
    support: 'refused',
    on: 'conditional events',
    note: 'Tandem evaluates a condition on every variable change; remove the filter',
    refusedBy: 'conditional-event',
  },
  agentDefinition: {
    support: 'refused',
    on: 'ad-hoc sub-processes',
    note: 'an AI agent run by Camunda’s agent connector; serve the job type with an external worker instead',
  },
} as const satisfies Record<string, ZeebeElementSupport>;

export type ZeebeElementName = keyof typeof ZEEBE_ELEMENTS;

/** The zeebe: extension elements written on an element, by local name (whatever prefix the document bound). */
export function zeebeExtensions(element: ModdleElement): { name: string; value: ModdleElement }[] {
  const prefix = namespacePrefix(element, ZEEBE_NAMESPACE);
  if (prefix === undefined) return [];
  const values: ModdleElement[] = element.extensionElements?.values ?? [];
  return values.filter((value) => value.$type.startsWith(`${prefix}:`)).map((value) => ({ name: value.$type.slice(prefix.length + 1), value }));
}

export const zeebeSupportOf = (name: string): ZeebeElementSupport | undefined => (Object.hasOwn(ZEEBE_ELEMENTS, name) ? ZEEBE_ELEMENTS[name as ZeebeElementName] : undefined);
