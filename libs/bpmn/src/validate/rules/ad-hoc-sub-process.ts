import type { ModdleElement } from 'bpmn-moddle';
import type { Problem } from '../../problem.js';
import { adHocExpressionsOf } from '../../compile/ad-hoc-sub-process.js';
import { extensionElement } from '../../parse/extension-elements.js';
import { describe, isEventSubProcess, nodesIn, type ProcessView } from '../process-view.js';
import { problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('ad-hoc-sub-process');

const isInnerActivity = (node: ModdleElement) => node.$instanceOf?.('bpmn:Activity') === true && node.isForCompensation !== true;

/**
 * The ad-hoc sub-processes Tandem runs (Camunda 8's BPMN implementation): at least one activity
 * inside, no start or end events (elements are activated, a path ends where flows end), inner
 * elements activated by `activeElementsCollection` on entry, in parallel. Refused by name: what
 * would otherwise be silently ignored (a job worker deciding, an output collection, sequential
 * ordering) and event sub-processes inside one.
 */
export const adHocSubProcess: ValidationRule = {
  name: 'ad-hoc-sub-process',
  check({ processes }) {
    return processes.flatMap((view) => view.flowNodes.filter((node) => node.$type === 'bpmn:AdHocSubProcess').flatMap((node) => checkAdHoc(view, node)));
  },
};

function checkAdHoc(view: ProcessView, adHoc: ModdleElement): Problem[] {
  const inner = nodesIn(view, adHoc);
  const problems: Problem[] = [];
  const refuse = (message: string) => problems.push(problem('error', adHoc, `${describe(adHoc)} ${message}.`));
  if (!inner.some(isInnerActivity)) refuse('holds no activity; add the activities it may run');
  for (const event of inner.filter((node) => node.$type === 'bpmn:StartEvent' || node.$type === 'bpmn:EndEvent')) {
    problems.push(
      problem('error', event, `${describe(event)} sits in ${describe(adHoc)}, which has no start or end events: its elements are activated, and a path ends where its flows end.`),
    );
  }
  for (const eventSubProcess of inner.filter(isEventSubProcess)) {
    problems.push(problem('error', eventSubProcess, `${describe(eventSubProcess)} is an event sub-process inside ${describe(adHoc)}, which is not executable yet.`));
  }
  if (adHocExpressionsOf(adHoc).activeElementsCollection === undefined) {
    refuse('has no activeElementsCollection, so it would activate nothing and wait forever; name the elements to activate (zeebe:adHoc or tandem:adHoc)');
  }
  if (adHoc.ordering === 'Sequential') refuse('has sequential ordering; its elements run in parallel (as in Camunda 8)');
  const zeebe = extensionElement(adHoc, 'adHoc');
  if (zeebe?.outputCollection || zeebe?.outputElement)
    refuse('collects output (outputCollection, outputElement), which is not executable yet; map the results with output mappings');
  if (extensionElement(adHoc, 'taskDefinition')) refuse('is handed to a job worker (taskDefinition), which is not executable; activate its elements with activeElementsCollection');
  return problems;
}
