import type { ModdleElement } from 'bpmn-moddle';
import { isIsoDuration } from '../../duration.js';
import { isFeel } from '../../feel/feel-syntax.js';
import type { Problem } from '../../problem.js';
import { isIsoDateTime, parseTimeCycle } from '../../timer-syntax.js';
import { describe } from '../process-view.js';
import { allFlowNodes, problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('timer-event');

const timerOf = (node: ModdleElement): ModdleElement | undefined =>
  (node.eventDefinitions ?? []).find((definition: ModdleElement) => definition.$type === 'bpmn:TimerEventDefinition');

const KINDS = [
  { field: 'timeDuration', valid: isIsoDuration, example: 'an ISO 8601 duration such as PT4H or P3D' },
  { field: 'timeDate', valid: isIsoDateTime, example: 'an ISO 8601 date-time with a zone such as 2026-03-05T10:00:00Z' },
  {
    field: 'timeCycle',
    valid: (text: string) => parseTimeCycle(text) !== undefined,
    example: 'a repeating interval such as R3/PT1H or R/PT10M, or a cron expression such as 0 0 9 * * MON-FRI',
  },
] as const;

/** A timer has exactly one of timeDuration, timeDate or timeCycle, literal and valid, or FEEL (checked by feel-expression). */
export const timerEvent: ValidationRule = {
  name: 'timer-event',
  check(context) {
    return allFlowNodes(context).flatMap((node) => {
      const timer = timerOf(node);
      return timer ? checkTimer(node, timer) : [];
    });
  },
};

function checkTimer(node: ModdleElement, timer: ModdleElement): Problem[] {
  const set = KINDS.filter(({ field }) => timer[field]?.body?.trim());
  if (set.length !== 1) {
    return [
      problem(
        'error',
        node,
        `${describe(node)} needs exactly one of timeDuration, timeDate or timeCycle; it has ${set.length === 0 ? 'none' : set.map(({ field }) => field).join(' and ')}.`,
      ),
    ];
  }
  const [{ field, valid, example }] = set;
  const text: string = timer[field].body.trim();
  if (field === 'timeCycle' && node.$type === 'bpmn:IntermediateCatchEvent') {
    return [problem('error', node, `${describe(node)} uses a timeCycle, which repeats; a catch event waits once: use timeDuration or timeDate.`)];
  }
  if (isFeel(text) || valid(text)) return [];
  return [problem('error', node, `The ${field} "${text}" of ${describe(node)} is not ${example}.`)];
}
