import { isActivityType } from '#bpmn';
import type { ActivityRun } from './activity-run.js';
import { groupByCase } from './case-report.js';
import { ratio } from './statistics.js';

export interface ReworkElement {
  elementId: string;
  /** Cases in which the activity ran more than once. */
  cases: number;
  /** Executions beyond the first, over those cases. */
  extraExecutions: number;
}

export interface ReworkLoop {
  /** Element ids from one execution of the repeated activity to its next, e.g. [Review, Fix, Review]. */
  sequence: string[];
  cases: number;
}

export interface ReworkReport {
  cases: number;
  casesWithRework: number;
  reworkRate: number | null;
  elements: ReworkElement[];
  loops: ReworkLoop[];
}

/** Rework over the given cases (ids), from their runs. */
export const rework = (caseIds: readonly string[], runs: readonly ActivityRun[]): ReworkReport => {
  const byCase = groupByCase(runs);
  const multiInstanceBodies = new Set(runs.filter(({ elementType }) => elementType === 'multiInstanceBody').map(({ activityInstanceId }) => activityInstanceId));
  const elements = new Map<string, ReworkElement>();
  const loops = new Map<string, ReworkLoop>();
  let casesWithRework = 0;
  for (const caseId of caseIds) {
    const sequence = (byCase.get(caseId) ?? [])
      .filter((run) => isActivityType(run.elementType))
      // The items of a multi-instance activity are one execution, not rework.
      .filter((run) => run.previousActivityInstanceId === null || !multiInstanceBodies.has(run.previousActivityInstanceId))
      .sort((a, b) => a.readyAt - b.readyAt)
      .map(({ elementId }) => elementId);
    const counts = new Map<string, number>();
    for (const elementId of sequence) counts.set(elementId, (counts.get(elementId) ?? 0) + 1);
    const repeated = [...counts.entries()].filter(([, count]) => count > 1);
    if (repeated.length === 0) continue;
    casesWithRework += 1;
    for (const [elementId, count] of repeated) {
      const entry = elements.get(elementId) ?? { elementId, cases: 0, extraExecutions: 0 };
      entry.cases += 1;
      entry.extraExecutions += count - 1;
      elements.set(elementId, entry);
    }
    const caseLoops = new Set<string>();
    sequence.forEach((elementId, index) => {
      const next = sequence.indexOf(elementId, index + 1);
      if (next > index) caseLoops.add(JSON.stringify(sequence.slice(index, next + 1)));
    });
    for (const key of caseLoops) {
      const entry = loops.get(key) ?? { sequence: JSON.parse(key) as string[], cases: 0 };
      entry.cases += 1;
      loops.set(key, entry);
    }
  }
  return {
    cases: caseIds.length,
    casesWithRework,
    reworkRate: ratio(casesWithRework, caseIds.length),
    elements: [...elements.values()].sort((a, b) => b.extraExecutions - a.extraExecutions || (a.elementId < b.elementId ? -1 : 1)),
    loops: [...loops.values()].sort((a, b) => b.cases - a.cases || a.sequence.join().localeCompare(b.sequence.join())),
  };
};
