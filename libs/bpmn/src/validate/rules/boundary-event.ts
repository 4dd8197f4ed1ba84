import type { ModdleElement } from 'bpmn-moddle';
import { eventDefinitionOf } from '../element-kinds.js';
import { describe, isEventSubProcess } from '../process-view.js';
import { problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('boundary-event');

const ACTIVITIES = new Set([
  'bpmn:UserTask',
  'bpmn:ServiceTask',
  'bpmn:SendTask',
  'bpmn:ReceiveTask',
  'bpmn:ScriptTask',
  'bpmn:BusinessRuleTask',
  'bpmn:Task',
  'bpmn:ManualTask',
  'bpmn:SubProcess',
  'bpmn:AdHocSubProcess',
  'bpmn:CallActivity',
]);

const isAttachable = (host: ModdleElement) => ACTIVITIES.has(host.$type) && !isEventSubProcess(host);

/** A boundary event watches an activity of the same process or sub-process; an error always interrupts. */
export const boundaryEvent: ValidationRule = {
  name: 'boundary-event',
  check({ processes }) {
    return processes.flatMap(({ flowNodes, containerOf }) =>
      flowNodes
        .filter((node) => node.$type === 'bpmn:BoundaryEvent')
        .flatMap((event) => {
          const host: ModdleElement | undefined = event.attachedToRef;
          if (!host || !flowNodes.includes(host) || containerOf.get(host.id) !== containerOf.get(event.id)) {
            return [problem('error', event, `${describe(event)} is not attached to an activity of its own process or sub-process.`)];
          }
          if (!isAttachable(host)) {
            return [problem('error', event, `${describe(event)} is attached to ${describe(host)}; boundary events attach to tasks, sub-processes and call activities.`)];
          }
          if (eventDefinitionOf(event) === 'error' && event.cancelActivity === false) {
            return [problem('error', event, `${describe(event)} is a non-interrupting error boundary event; an error always interrupts its activity.`)];
          }
          return [];
        }),
    );
  },
};
