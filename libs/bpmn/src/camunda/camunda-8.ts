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
    note: 'processId (text or FEEL), propagateAllParentVariables, propagateAllChildVariables',
  },
  calledDecision: { support: 'supported', on: 'business rule tasks', note: 'a deployed DMN decision by decisionId; its result in resultVariable' },
  script: { support: 'supported', on: 'script tasks', note: 'a FEEL expression; its value in resultVariable' },
  userTask: { support: 'supported', on: 'user tasks', note: 'marks a Camunda user task; every Tandem user task is one' },
  formDefinition: {
    support: 'supported',
    on: 'user tasks, none start events',
    note: 'formId: a deployed form by id; externalReference: kept and shown as the form’s address',
  },
  userTaskForm: { support: 'kept', on: 'the process', note: 'an embedded form (Camunda 8.0–8.2 style): kept; deploy the form as a `.form` file to use it' },
  assignmentDefinition: { support: 'supported', on: 'user tasks', note: 'assignee, candidateGroups, candidateUsers: text lists or FEEL' },
  taskSchedule: { support: 'supported', on: 'user tasks', note: 'dueDate (the task’s due date and SLA) and followUpDate: ISO 8601 or FEEL' },
  priorityDefinition: { support: 'supported', on: 'user tasks', note: 'the task’s priority, 0–100, a number or FEEL' },
  properties: { support: 'kept', on: 'any element', note: 'name/value pairs, kept and shown with the element' },
  adHoc: { support: 'supported', on: 'ad-hoc sub-processes', note: 'activeElementsCollection' },
  jobPriorityDefinition: {
    support: 'kept',
    on: 'job-worker elements',
    note: 'kept; workers fetch oldest first, as a fetch-and-lock without usePriority does',
  },
  versionTag: { support: 'kept', on: 'the process', note: 'kept with the model' },
  linkedResources: { support: 'kept', on: 'activities', note: 'kept with the element; Tandem links no resources to jobs' },
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
