/**
 * The A-vs-B difference per activity for the heatmap on the diagram: each candidate's median
 * time per activity instance (waiting plus working) against the baseline's, with a Mann-Whitney
 * p-value and Benjamini-Hochberg adjustment across the activities, so that the markers on a
 * diagram of thirty activities are not a field of chance findings.
 */
import { benjaminiHochberg } from '../statistics/benjamini-hochberg.js';
import { linearQuantile } from '#core';
import { mannWhitneyUSorted } from '../statistics/mann-whitney.js';
import type { ArmActivity } from './analysis-input.js';
import { expandBinned, type BinnedDurations } from './binned-durations.js';

/** Instances per arm below which an activity gets no test (its medians are still shown). */
export const ACTIVITY_MIN_INSTANCES = 5;

export interface ActivityArmFigure {
  armId: string;
  n: number;
  medianMs: number | null;
}

export interface ActivityDifference {
  elementId: string;
  candidateArmId: string;
  baseline: ActivityArmFigure;
  candidate: ActivityArmFigure;
  /** candidate median - baseline median; null when either arm lacks the activity */
  differenceMs: number | null;
  pValue: number | null;
  adjustedP: number | null;
  significant: boolean;
}

export function activityDifferences(activities: readonly ArmActivity[], baselineArmId: string, candidateArmId: string, alpha: number): ActivityDifference[] {
  const byElement = new Map<string, { baseline: number[]; candidate: number[] }>();
  for (const activity of activities) {
    const side = activity.armId === baselineArmId ? 'baseline' : activity.armId === candidateArmId ? 'candidate' : null;
    if (side === null) continue;
    let durations = byElement.get(activity.elementId);
    if (!durations) byElement.set(activity.elementId, (durations = { baseline: [], candidate: [] }));
    durations[side].push(activity.durationMs);
  }
  // Each arm sorted once: its median and the Mann-Whitney ranks read the sorted durations.
  const sorted = [...byElement].map(([elementId, { baseline, candidate }]) => ({
    elementId,
    baseline: Float64Array.from(baseline).sort(),
    candidate: Float64Array.from(candidate).sort(),
  }));
  return differencesOfSorted(sorted, baselineArmId, candidateArmId, alpha);
}

/**
 * The same from per-element log-bucket counts (above the exact path's threshold): each instance
 * counts as its bucket's value, so medians and their differences are within
 * BINNED_RELATIVE_ERROR and instances of one bucket tie in the Mann-Whitney ranks (binned-durations.ts).
 */
export function binnedActivityDifferences(
  activities: Readonly<Record<string, Readonly<Record<string, BinnedDurations>>>>,
  baselineArmId: string,
  candidateArmId: string,
  alpha: number,
): ActivityDifference[] {
  const none: BinnedDurations = { n: 0, sumMs: 0, buckets: [] };
  const sorted = Object.entries(activities)
    .filter(([, arms]) => arms[baselineArmId] !== undefined || arms[candidateArmId] !== undefined)
    .map(([elementId, arms]) => ({ elementId, baseline: expandBinned(arms[baselineArmId] ?? none), candidate: expandBinned(arms[candidateArmId] ?? none) }));
  return differencesOfSorted(sorted, baselineArmId, candidateArmId, alpha);
}

function differencesOfSorted(
  elements: ReadonlyArray<{ elementId: string; baseline: Float64Array; candidate: Float64Array }>,
  baselineArmId: string,
  candidateArmId: string,
  alpha: number,
): ActivityDifference[] {
  const rows = [...elements]
    .sort(({ elementId: a }, { elementId: b }) => (a < b ? -1 : a > b ? 1 : 0))
    .map(({ elementId, baseline: sortedBaseline, candidate: sortedCandidate }) => {
      const figure = (armId: string, sorted: Float64Array): ActivityArmFigure => ({ armId, n: sorted.length, medianMs: sorted.length === 0 ? null : linearQuantile(sorted, 0.5) });
      const tested = sortedBaseline.length >= ACTIVITY_MIN_INSTANCES && sortedCandidate.length >= ACTIVITY_MIN_INSTANCES;
      const b = figure(baselineArmId, sortedBaseline);
      const c = figure(candidateArmId, sortedCandidate);
      return {
        elementId,
        candidateArmId,
        baseline: b,
        candidate: c,
        differenceMs: b.medianMs === null || c.medianMs === null ? null : c.medianMs - b.medianMs,
        pValue: tested ? mannWhitneyUSorted(sortedBaseline, sortedCandidate).pValue : null,
        adjustedP: null as number | null,
        significant: false,
      };
    });
  const tested = rows.filter((row) => row.pValue !== null);
  if (tested.length > 0) {
    const adjusted = benjaminiHochberg(
      tested.map((row) => row.pValue!),
      alpha,
    );
    tested.forEach((row, i) => {
      row.adjustedP = adjusted.adjusted[i];
      row.significant = adjusted.rejected[i];
    });
  }
  return rows;
}
