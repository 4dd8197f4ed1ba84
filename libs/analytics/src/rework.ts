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

/** One case's rework: executions beyond the first per repeated activity, and its loops (each once); null without rework. */
export interface CaseRework {
  elements: Record<string, number>;
  loops: string[][];
}

const multiInstanceBodiesOf = (runs: readonly ActivityRun[]): Set<string> =>
  new Set(runs.filter(({ elementType }) => elementType === 'multiInstanceBody').map(({ activityInstanceId }) => activityInstanceId));

/** The rework of one case, from its runs. */
export const caseRework = (caseRuns: readonly ActivityRun[], multiInstanceBodies: ReadonlySet<string> = multiInstanceBodiesOf(caseRuns)): CaseRework | null => {
  const sequence = caseRuns
    .filter((run) => isActivityType(run.elementType))
    // The items of a multi-instance activity are one execution, not rework.
    .filter((run) => run.previousActivityInstanceId === null || !multiInstanceBodies.has(run.previousActivityInstanceId))
    .sort((a, b) => a.readyAt - b.readyAt)
    .map(({ elementId }) => elementId);
  const counts = new Map<string, number>();
  for (const elementId of sequence) counts.set(elementId, (counts.get(elementId) ?? 0) + 1);
  const repeated = [...counts.entries()].filter(([, count]) => count > 1);
  if (repeated.length === 0) return null;
  const loops = new Set<string>();
  sequence.forEach((elementId, index) => {
    const next = sequence.indexOf(elementId, index + 1);
    if (next > index) loops.add(JSON.stringify(sequence.slice(index, next + 1)));
  });
  return { elements: Object.fromEntries(repeated.map(([elementId, count]) => [elementId, count - 1])), loops: [...loops].map((key) => JSON.parse(key) as string[]) };
};

/** The rework report over `cases` cases, of which `reworks` are the ones with rework (null entries are cases without). */
export const reworkOfCases = (cases: number, reworks: ReadonlyArray<CaseRework | null>): ReworkReport => {
  const elements = new Map<string, ReworkElement>();
  const loops = new Map<string, ReworkLoop>();
  let casesWithRework = 0;
  for (const one of reworks) {
    if (one === null) continue;
    casesWithRework += 1;
    for (const [elementId, extra] of Object.entries(one.elements)) {
      const entry = elements.get(elementId) ?? { elementId, cases: 0, extraExecutions: 0 };
      entry.cases += 1;
      entry.extraExecutions += extra;
      elements.set(elementId, entry);
    }
    for (const sequence of one.loops) {
      const key = JSON.stringify(sequence);
      const entry = loops.get(key) ?? { sequence, cases: 0 };
      entry.cases += 1;
      loops.set(key, entry);
    }
  }
  return {
    cases,
    casesWithRework,
    reworkRate: ratio(casesWithRework, cases),
    elements: [...elements.values()].sort((a, b) => b.extraExecutions - a.extraExecutions || (a.elementId < b.elementId ? -1 : 1)),
    loops: [...loops.values()].sort((a, b) => b.cases - a.cases || a.sequence.join().localeCompare(b.sequence.join())),
  };
};

/** Rework over the given cases (ids), from their runs. */
export const rework = (caseIds: readonly string[], runs: readonly ActivityRun[]): ReworkReport => {
  const byCase = groupByCase(runs);
  const multiInstanceBodies = multiInstanceBodiesOf(runs);
  return reworkOfCases(
    caseIds.length,
    caseIds.map((caseId) => caseRework(byCase.get(caseId) ?? [], multiInstanceBodies)),
  );
};
