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
  const teams = new Map<string, TeamWork>();
  for (const run of runs) {
    if (run.processingMs <= 0) continue;
    const { team, kind } = teamOf(run, catalog);
    const entry = teams.get(team) ?? { team, kind, activityInstances: 0, processingMs: 0 };
    entry.activityInstances += 1;
    entry.processingMs += run.processingMs;
    teams.set(team, entry);
  }
  return utilizationOfTeams([...teams.values()], window, groupSizes);
};

/** Whose work a run is: the first candidate group of its element, else its lane, else nobody's. */
export const teamOf = (run: Pick<ActivityRun, 'elementId' | 'laneId'>, catalog: ElementCatalog): { team: string; kind: TeamUtilization['kind'] } => {
  const element = catalog.get(run.elementId);
  const group = element?.candidateGroups[0];
  const lane = run.laneId ?? element?.laneId;
  return group ? { team: group, kind: 'group' } : lane ? { team: lane, kind: 'lane' } : { team: 'unassigned', kind: 'unassigned' };
};

/** A team's work summed: the activity instances with processing time and that time. */
export interface TeamWork {
  team: string;
  kind: TeamUtilization['kind'];
  activityInstances: number;
  processingMs: number;
}

/** Utilisation from each team's summed work (from the ledger, or from the case facts). */
export const utilizationOfTeams = (teams: readonly TeamWork[], window: UtilizationWindow, groupSizes: ReadonlyMap<string, number>): TeamUtilization[] => {
  const allMs = teams.reduce((sum, { processingMs }) => sum + processingMs, 0);
  const windowHours = Math.max(0, window.to - window.from) / 3_600_000;
  return teams
    .map(({ team, kind, activityInstances, processingMs }) => {
      const size = kind === 'group' ? (groupSizes.get(team) ?? null) : null;
      const availableHours = size === null ? null : windowHours * size;
      const processingHours = processingMs / 3_600_000;
      return {
        team,
        kind,
        activityInstances,
        processingHours,
        processingShare: ratio(processingMs, allMs),
        size,
        availableHours,
        utilisation: availableHours === null ? null : ratio(processingHours, availableHours),
      };
    })
    .sort((a, b) => b.processingHours - a.processingHours || (a.team < b.team ? -1 : 1));
};
