import { describe } from '../process-view.js';
import { problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('boundary-event');

const ATTACHABLE = new Set(['bpmn:UserTask', 'bpmn:ServiceTask']);

/** A boundary event watches a task of the same process. */
export const boundaryEvent: ValidationRule = {
  name: 'boundary-event',
  check({ processes }) {
    return processes.flatMap(({ flowNodes }) =>
      flowNodes
        .filter((node) => node.$type === 'bpmn:BoundaryEvent')
        .flatMap((event) => {
          const host = event.attachedToRef;
          if (!host || !flowNodes.includes(host)) {
            return [problem('error', event, `${describe(event)} is not attached to a task of this process.`)];
          }
          return ATTACHABLE.has(host.$type)
            ? []
            : [problem('error', event, `${describe(event)} is attached to ${describe(host)}; only user and service tasks take boundary events yet.`)];
        }),
    );
  },
};
