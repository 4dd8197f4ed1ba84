import type { ModdleElement } from 'bpmn-moddle';
import type { Problem } from '../../problem.js';
import { eventDefinitionOf } from '../element-kinds.js';
import { containersOf, describe, isEventSubProcess, nodesIn, type ProcessView } from '../process-view.js';
import { problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('start-event');

const PROCESS_TRIGGERS = new Set(['none', 'timer', 'message', 'signal']);

/**
 * Where each kind of start event may sit: the process has at most one none start event beside its
 * timer, message and signal start events; an embedded sub-process has exactly one none start event;
 * an event sub-process has exactly one start event with a trigger, and only it can be non-interrupting.
 */
export const startEvent: ValidationRule = {
  name: 'start-event',
  check({ processes }) {
    return processes.flatMap((view) =>
      containersOf(view).flatMap((container) => {
        const starts = nodesIn(view, container).filter((node) => node.$type === 'bpmn:StartEvent');
        if (container === view.process) return checkProcess(view, starts);
        return isEventSubProcess(container) ? checkEventSubProcess(container, starts) : checkEmbedded(container, starts);
      }),
    );
  },
};

function checkProcess(view: ProcessView, starts: ModdleElement[]): Problem[] {
  const { process } = view;
  if (starts.length === 0) return [problem('error', process, `${describe(process)} has no start event; add a none start event where cases begin.`)];
  const problems: Problem[] = [];
  const none = starts.filter((start) => eventDefinitionOf(start) === 'none');
  if (none.length > 1) {
    problems.push(problem('error', process, `${describe(process)} has ${none.length} none start events (${none.map((s) => s.id).join(', ')}); keep exactly one.`));
  }
  for (const start of starts) {
    const trigger = eventDefinitionOf(start);
    if (!PROCESS_TRIGGERS.has(trigger)) {
      problems.push(problem('error', start, `${describe(start)} is a ${trigger} start event; it can only start an event sub-process.`));
    }
    problems.push(...interruptingOnly(start));
  }
  return problems;
}

function checkEmbedded(subProcess: ModdleElement, starts: ModdleElement[]): Problem[] {
  if (starts.length === 1 && eventDefinitionOf(starts[0]) === 'none') return interruptingOnly(starts[0]);
  return [problem('error', subProcess, `${describe(subProcess)} needs exactly one none start event inside it, where its token begins.`)];
}

function checkEventSubProcess(subProcess: ModdleElement, starts: ModdleElement[]): Problem[] {
  const [start] = starts;
  if (starts.length === 1 && eventDefinitionOf(start) === 'error' && start.isInterrupting === false) {
    return [problem('error', start, `${describe(start)} is a non-interrupting error start event; an error always interrupts its scope.`)];
  }
  if (starts.length === 1 && eventDefinitionOf(start) !== 'none') return [];
  return [problem('error', subProcess, `${describe(subProcess)} needs exactly one start event with a trigger (timer, message, signal, error, escalation or conditional).`)];
}

/** isInterrupting="false" is meaningful only for an event sub-process's start event. */
const interruptingOnly = (start: ModdleElement): Problem[] =>
  start.isInterrupting === false ? [problem('error', start, `${describe(start)} is non-interrupting; only an event sub-process's start event can be.`)] : [];
