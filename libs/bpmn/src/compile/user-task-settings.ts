import type { ModdleElement } from 'bpmn-moddle';
import { isFeel } from '../feel/feel-syntax.js';
import { readAttribute, splitList } from '../parse/extension-attributes.js';
import { extensionElement } from '../parse/extension-elements.js';
import type { UserTaskNode, UserTaskSetting } from '../process-graph.js';
import { optional } from './event-definition.js';
import { zeebeUserTaskOf, type ZeebeSetting } from './zeebe-user-task.js';

type Settings = Pick<
  UserTaskNode,
  | 'candidateGroups'
  | 'candidateUsers'
  | 'candidateGroupsExpression'
  | 'candidateUsersExpression'
  | 'assignee'
  | 'dueIn'
  | 'followUpIn'
  | 'priority'
  | 'settingAttributes'
  | 'zeebeUserTask'
>;

/**
 * Who works a user task, when it is due and how urgent it is: the `tandem:` (or `camunda:`)
 * attributes, else Camunda 8's `zeebe:assignmentDefinition`, `zeebe:taskSchedule` and
 * `zeebe:priorityDefinition`. A zeebe: candidate list may be FEEL (`=`), evaluated when the task
 * is created; a static due or follow-up date is a date-time, which `dueIn` / `followUpIn` accept.
 */
export function userTaskSettingsOf(task: ModdleElement): Settings {
  const zeebe = zeebeUserTaskOf(task);
  const attributes: Partial<Record<UserTaskSetting, string>> = {};
  /** The tandem: value, else the zeebe: one, noting its attribute. */
  const pick = (name: UserTaskSetting, own: string | undefined, fallback: ZeebeSetting | undefined): string | undefined => {
    if (own !== undefined || fallback === undefined) return own;
    attributes[name] = fallback.attribute;
    return fallback.value;
  };
  const list = (name: 'candidateGroups' | 'candidateUsers') => {
    const own = splitList(readAttribute(task, name));
    const fallback = own.length > 0 ? undefined : zeebe[name];
    if (fallback === undefined) return { list: own };
    attributes[name] = fallback.attribute;
    return isFeel(fallback.value) ? { list: [], expression: fallback.value } : { list: splitList(fallback.value) };
  };
  const groups = list('candidateGroups');
  const users = list('candidateUsers');
  const settings: Settings = {
    candidateGroups: groups.list,
    candidateUsers: users.list,
    ...optional('candidateGroupsExpression', groups.expression),
    ...optional('candidateUsersExpression', users.expression),
    ...optional('assignee', pick('assignee', readAttribute(task, 'assignee'), zeebe.assignee)),
    ...optional('dueIn', pick('dueIn', readAttribute(task, 'dueIn', 'dueDate'), zeebe.dueDate)),
    ...optional('followUpIn', pick('followUpIn', readAttribute(task, 'followUpIn', 'followUpDate'), zeebe.followUpDate)),
    ...optional('priority', pick('priority', readAttribute(task, 'priority'), zeebe.priority)),
    ...(extensionElement(task, 'userTask') !== undefined && { zeebeUserTask: true as const }),
  };
  // A linked Camunda 8 form may be deployed after the model, as Zeebe allows (see form-references.ts).
  if (readAttribute(task, 'formKey') === undefined && zeebe.formId !== undefined) attributes.formKey = 'zeebe:formDefinition formId';
  return Object.keys(attributes).length === 0 ? settings : { ...settings, settingAttributes: attributes };
}
