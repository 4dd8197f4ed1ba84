import type { ModdleElement } from 'bpmn-moddle';
import { isIsoDuration } from '../../duration.js';
import { isFeel } from '../../feel/feel-syntax.js';
import { readAttribute } from '../../parse/extension-attributes.js';
import { extensionElement } from '../../parse/extension-elements.js';
import { zeebeUserTaskOf, type ZeebeSetting } from '../../compile/zeebe-user-task.js';
import { isIsoDateTime } from '../../timer-syntax.js';
import { eventDefinitionOf } from '../element-kinds.js';
import type { Problem } from '../../problem.js';
import { describe } from '../process-view.js';
import { allFlowNodes, problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('task-attributes');

const isNonNegativeNumber = (text: string) => text.trim() !== '' && Number.isFinite(Number(text)) && Number(text) >= 0;
const isNonNegativeInteger = (text: string) => /^\d+$/.test(text.trim());
const isPriority = (text: string) => isNonNegativeInteger(text) && Number(text) <= 100;

/** External tasks: service and send tasks, script and business-rule tasks that are jobs, and message throw and end events (a worker delivers the message). */
const isExternalTask = (node: ModdleElement) =>
  node.$type === 'bpmn:ServiceTask' ||
  node.$type === 'bpmn:SendTask' ||
  ((node.$type === 'bpmn:ScriptTask' || node.$type === 'bpmn:BusinessRuleTask') && extensionElement(node, 'taskDefinition') !== undefined) ||
  ((node.$type === 'bpmn:EndEvent' || node.$type === 'bpmn:IntermediateThrowEvent') && eventDefinitionOf(node) === 'message');

/** The tandem:/camunda: settings a task needs to run: a topic for workers, durations and numbers that parse. */
export const taskAttributes: ValidationRule = {
  name: 'task-attributes',
  check(context) {
    return allFlowNodes(context).flatMap((node) => {
      if (isExternalTask(node)) return checkExternalTask(node);
      if (node.$type === 'bpmn:UserTask') return checkUserTask(node);
      return [];
    });
  },
};

function checkExternalTask(task: ModdleElement): Problem[] {
  const problems: Problem[] = [];
  if (!readAttribute(task, 'topic') && !extensionElement(task, 'taskDefinition')?.type) {
    problems.push(problem('error', task, `${describe(task)} has no tandem:topic; external workers fetch it by topic.`));
  }
  const retries = readAttribute(task, 'retries') ?? extensionElement(task, 'taskDefinition')?.retries;
  if (retries !== undefined && !isNonNegativeInteger(retries)) {
    problems.push(problem('error', task, `The tandem:retries "${retries}" of ${describe(task)} must be a whole number of 0 or more.`));
  }
  return problems;
}

function checkUserTask(task: ModdleElement): Problem[] {
  const problems: Problem[] = [];
  const dueIn = readAttribute(task, 'dueIn', 'dueDate');
  if (dueIn !== undefined && !isFeel(dueIn) && !isIsoDuration(dueIn)) {
    problems.push(problem('error', task, `The tandem:dueIn "${dueIn}" of ${describe(task)} must be an ISO 8601 duration such as PT4H, or FEEL starting with =.`));
  }
  const followUpIn = readAttribute(task, 'followUpIn', 'followUpDate');
  if (followUpIn !== undefined && !isFeel(followUpIn) && !isIsoDuration(followUpIn)) {
    problems.push(problem('error', task, `The tandem:followUpIn "${followUpIn}" of ${describe(task)} must be an ISO 8601 duration such as P1D, or FEEL starting with =.`));
  }
  const priority = readAttribute(task, 'priority');
  if (priority !== undefined && !isFeel(priority) && !isPriority(priority)) {
    problems.push(problem('error', task, `The tandem:priority "${priority}" of ${describe(task)} must be a whole number from 0 to 100, or FEEL starting with =.`));
  }
  const escalateTo = readAttribute(task, 'escalateTo');
  if (escalateTo !== undefined && !isFeel(escalateTo) && !/^[\w.-]+$/.test(escalateTo.trim())) {
    problems.push(problem('error', task, `The tandem:escalateTo "${escalateTo}" of ${describe(task)} must be one group id, or FEEL starting with =.`));
  }
  problems.push(...checkZeebeUserTask(task));
  const cost = readAttribute(task, 'costPerHour');
  if (cost !== undefined && !isNonNegativeNumber(cost)) {
    problems.push(problem('error', task, `The tandem:costPerHour "${cost}" of ${describe(task)} must be a number of 0 or more.`));
  }
  return problems;
}

/** Camunda 8's static settings: due and follow-up dates are date-times with a zone, a priority 0-100 (FEEL is checked by feel-expression). */
function checkZeebeUserTask(task: ModdleElement): Problem[] {
  const { dueDate, followUpDate, priority } = zeebeUserTaskOf(task);
  const invalid = (setting: ZeebeSetting | undefined, valid: (text: string) => boolean, expected: string): Problem[] =>
    setting === undefined || isFeel(setting.value) || valid(setting.value)
      ? []
      : [problem('error', task, `The ${setting.attribute} "${setting.value}" of ${describe(task)} must be ${expected}, or FEEL starting with =.`)];
  const dateTime = 'an ISO 8601 date-time with a zone such as 2026-03-01T12:00:00Z';
  return [...invalid(dueDate, isIsoDateTime, dateTime), ...invalid(followUpDate, isIsoDateTime, dateTime), ...invalid(priority, isPriority, 'a whole number from 0 to 100')];
}
