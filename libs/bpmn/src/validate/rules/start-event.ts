import type { ModdleElement } from 'bpmn-moddle';
import { describe } from '../process-view.js';
import { problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('start-event');

const isNoneStart = (element: ModdleElement) =>
  element.$type === 'bpmn:StartEvent' && (element.eventDefinitions ?? []).length === 0;

/** Instances begin at exactly one none start event. */
export const startEvent: ValidationRule = {
  name: 'start-event',
  check({ processes }) {
    return processes.flatMap(({ process, flowNodes }) => {
      const starts = flowNodes.filter(isNoneStart);
      if (starts.length === 1) return [];
      return [
        starts.length === 0
          ? problem('error', process, `${describe(process)} has no none start event; add one where cases begin.`)
          : problem(
              'error',
              process,
              `${describe(process)} has ${starts.length} none start events (${starts.map((s) => s.id).join(', ')}); keep exactly one.`,
            ),
      ];
    });
  },
};
