import type { ActivityRun } from './activity-run.js';
import type { ElementCatalog } from './ledger.js';
import { ratio } from './statistics.js';

export interface TeamUtilization {
  /** The first candidate group of the user task, else its lane, else "unassigned". */
  team: string;
  kind: 'group' | 'lane' | 'unassigned';
  activityInstances: number;
  processingHours: number;
  /** Share of all processing time in the window. */
  processingShare: number | null;
  /** Members of the group, when known. */
  size: number | null;
  /** Window hours x size; null without a size. */
  availableHours: number | null;
  /** British spelling kept: the field is the API's (`GET /api/analytics/utilisation`), which clients read. */
  utilisation: number | null;
}

export interface UtilizationWindow {
  from: number;
  to: number;
}

/**
 * Processing time per team over the available time: the window (calendar time, no working hours)
 * x the group's size. Only runs with processing time count (human and worker steps).
 */
export const utilization = (runs: readonly ActivityRun[], catalog: ElementCatalog, window: UtilizationWindow, groupSizes: ReadonlyMap<string, number>): TeamUtilization[] => {
  const teams = new Map<string, { kind: TeamUtilization['kind']; instances: number; processingMs: number }>();
  let allMs = 0;
  for (const run of runs) {
    if (run.processingMs <= 0) continue;
    const element = catalog.get(run.elementId);
    const group = element?.candidateGroups[0];
    const lane = run.laneId ?? element?.laneId;
    const [team, kind]: [string, TeamUtilization['kind']] = group ? [group, 'group'] : lane ? [lane, 'lane'] : ['unassigned', 'unassigned'];
    const entry = teams.get(team) ?? { kind, instances: 0, processingMs: 0 };
    entry.instances += 1;
    entry.processingMs += run.processingMs;
    teams.set(team, entry);
    allMs += run.processingMs;
  }
  const windowHours = Math.max(0, window.to - window.from) / 3_600_000;
  return [...teams.entries()]
    .map(([team, { kind, instances, processingMs }]) => {
      const size = kind === 'group' ? (groupSizes.get(team) ?? null) : null;
      const availableHours = size === null ? null : windowHours * size;
      const processingHours = processingMs / 3_600_000;
      return {
        team,
        kind,
        activityInstances: instances,
        processingHours,
        processingShare: ratio(processingMs, allMs),
        size,
        availableHours,
        utilisation: availableHours === null ? null : ratio(processingHours, availableHours),
      };
    })
    .sort((a, b) => b.processingHours - a.processingHours || (a.team < b.team ? -1 : 1));
};
