import type { ModdleElement } from 'bpmn-moddle';
import { isIsoDuration } from '../../duration.js';
import { describe } from '../process-view.js';
import { allFlowNodes, problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('timer-event');

const timerOf = (node: ModdleElement): ModdleElement | undefined =>
  (node.eventDefinitions ?? []).find((definition: ModdleElement) => definition.$type === 'bpmn:TimerEventDefinition');

/** Timers run on an ISO 8601 duration (timeDate and timeCycle arrive with the rest of BPMN). */
export const timerEvent: ValidationRule = {
  name: 'timer-event',
  check(context) {
    return allFlowNodes(context).flatMap((node) => {
      const timer = timerOf(node);
      if (!timer || node.$type === 'bpmn:StartEvent') return [];
      if (timer.timeDate || timer.timeCycle) {
        return [problem('error', node, `${describe(node)} uses timeDate or timeCycle; only timeDuration is executable yet.`)];
      }
      const duration: string | undefined = timer.timeDuration?.body?.trim();
      if (!duration) return [problem('error', node, `${describe(node)} has no timeDuration; set an ISO 8601 duration such as PT4H.`)];
      return isIsoDuration(duration)
        ? []
        : [problem('error', node, `The timeDuration "${duration}" of ${describe(node)} is not an ISO 8601 duration such as PT4H or P3D.`)];
    });
  },
};
