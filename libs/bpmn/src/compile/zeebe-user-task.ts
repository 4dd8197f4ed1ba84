import type { ModdleElement } from 'bpmn-moddle';
import { FORM_KEY_PREFIX } from '../forms/form-reference.js';
import { extensionElement } from '../parse/extension-elements.js';

/** One setting of a Camunda 8 user task as written: its value and the attribute holding it, for messages. */
export interface ZeebeSetting {
  value: string;
  /** `zeebe:assignmentDefinition assignee`, `zeebe:taskSchedule dueDate`, ... */
  attribute: string;
}

/** The settings Camunda Modeler writes on a user task for Camunda 8, each absent when not written. */
export interface ZeebeUserTask {
  assignee?: ZeebeSetting;
  candidateGroups?: ZeebeSetting;
  candidateUsers?: ZeebeSetting;
  dueDate?: ZeebeSetting;
  followUpDate?: ZeebeSetting;
  priority?: ZeebeSetting;
  /** `zeebe:formDefinition formId`: a form deployed beside the model, found by its id. */
  formId?: string;
  /** `zeebe:formDefinition formKey`: an outside app's key, or the legacy `camunda-forms:bpmn:<id>`. */
  formKey?: string;
  /** `zeebe:formDefinition externalReference`: where an outside app shows the form. */
  externalReference?: string;
}

/** The legacy form key naming a `zeebe:userTaskForm` embedded in the process. */
const EMBEDDED_FORM_PREFIX = 'camunda-forms:bpmn:';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

function setting(extension: ModdleElement | undefined, name: string): ZeebeSetting | undefined {
  const value = text(extension?.[name]);
  return value === undefined ? undefined : { value, attribute: `zeebe:${extension!.$type.split(':')[1]} ${name}` };
}

/** Reads `zeebe:assignmentDefinition`, `zeebe:taskSchedule`, `zeebe:priorityDefinition` and `zeebe:formDefinition` of a user task. */
export function zeebeUserTaskOf(task: ModdleElement): ZeebeUserTask {
  const assignment = extensionElement(task, 'assignmentDefinition');
  const schedule = extensionElement(task, 'taskSchedule');
  const priority = extensionElement(task, 'priorityDefinition');
  const form = extensionElement(task, 'formDefinition');
  const entries: Array<[keyof ZeebeUserTask, unknown]> = [
    ['assignee', setting(assignment, 'assignee')],
    ['candidateGroups', setting(assignment, 'candidateGroups')],
    ['candidateUsers', setting(assignment, 'candidateUsers')],
    ['dueDate', setting(schedule, 'dueDate')],
    ['followUpDate', setting(schedule, 'followUpDate')],
    ['priority', setting(priority, 'priority')],
    ['formId', text(form?.formId)],
    ['formKey', text(form?.formKey)],
    ['externalReference', text(form?.externalReference)],
  ];
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined)) as ZeebeUserTask;
}

/** The process holding an element, for its extension elements. */
const processOf = (element: ModdleElement): ModdleElement | undefined => {
  let node: ModdleElement | undefined = element.$parent;
  while (node && node.$type !== 'bpmn:Process') node = node.$parent;
  return node;
};

/**
 * The form-js JSON of a legacy Camunda 8 form (`formKey="camunda-forms:bpmn:<id>"`), from the
 * `zeebe:userTaskForm` with that id among the process's extension elements.
 */
export function zeebeEmbeddedFormText(task: ModdleElement): string | undefined {
  const formKey = zeebeUserTaskOf(task).formKey;
  if (formKey === undefined || !formKey.startsWith(EMBEDDED_FORM_PREFIX)) return undefined;
  const id = formKey.slice(EMBEDDED_FORM_PREFIX.length);
  const process = processOf(task);
  const form = (process?.extensionElements?.values ?? []).find(
    (value: ModdleElement) => value.$type.toLowerCase().endsWith(':usertaskform') && String(value.id ?? '').trim() === id,
  );
  return text(form?.$body);
}

/** The form key a Camunda 8 form definition stands for: a linked form (`formId`) is Tandem's `form:<id>`. */
export function zeebeFormKey(task: ModdleElement): string | undefined {
  const { formId, formKey } = zeebeUserTaskOf(task);
  return formId !== undefined ? `${FORM_KEY_PREFIX}${formId}` : formKey;
}
