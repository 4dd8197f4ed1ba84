/**
 * Sequential monitoring so daily looks do not inflate false positives: a two-sided symmetric
 * group-sequential test, each side spending alpha/2 by the Lan-DeMets O'Brien-Fleming-type
 * function (as R's gsDesign `sfLDOF` and ldbounds do):
 *     alpha(t) = 2 x [ 2 - 2 Phi( z(1 - alpha/4) / sqrt(t) ) ],   t = information fraction
 * with t = cases per arm so far / planned cases per arm. Looks may come at any, unplanned times:
 * look k's boundary spends alpha(t_k) - alpha(t_k-1), found from the joint law of the
 * z-statistics (Z_k sqrt(t_k) is Brownian motion in t) by recursive numerical integration
 * (Armitage, McPherson & Rowe; Jennison & Turnbull ch. 19) with Simpson's rule. Early boundaries
 * are very strict and the final one is close to the fixed-sample 1.96, so a plan sized for
 * fixed-sample power loses little of it. Boundaries are capped at |z| = 8 (a crossing chance
 * below 1e-15): the earliest looks spend less alpha than doubles can resolve.
 */
import { normalCdf, normalQuantile } from './distributions.js';
import { requireAlpha, statisticsInputError } from './statistics-error.js';

// Module-level bindings: global lookups are slow inside jest's vm contexts, and these run in hot loops.
const { PI, abs, ceil, exp, max, min, sqrt } = Math;
const { isFinite } = Number;

/** Alpha spent by information fraction t (capped at 1: the whole alpha is spent at the plan). */
export function obrienFlemingSpending(t: number, alpha: number): number {
  if (t <= 0) return 0;
  // Lower tail: stays precise when the early spend is far below 1e-16.
  return 4 * normalCdf(-normalQuantile(1 - alpha / 4) / sqrt(min(t, 1)));
}

/**
 * Two-sided boundaries |Z_k| >= z_k for looks at the given information fractions (ascending).
 * Only the final look may reach or pass the plan (t >= 1): it spends what is left of alpha, and
 * its true fraction (say 1.03 when the last day brought more cases than planned) keeps the
 * correlation with the earlier looks right; rounding it down to 1 would overspend.
 */
export function spendingBoundaries(fractions: readonly number[], alpha: number): number[] {
  // The integration is the costly part of every analysis, and a dashboard or a guardrail check asks for the same schedules again.
  const key = `${alpha}|${fractions.join(',')}`;
  const known = boundaryCache.get(key);
  if (known) return [...known];
  const boundaries = computeBoundaries(fractions, alpha);
  if (boundaryCache.size >= BOUNDARY_CACHE_SIZE) boundaryCache.delete(boundaryCache.keys().next().value!);
  boundaryCache.set(key, boundaries);
  return [...boundaries];
}

const BOUNDARY_CACHE_SIZE = 1024;
const boundaryCache = new Map<string, readonly number[]>();

function computeBoundaries(fractions: readonly number[], alpha: number): number[] {
  requireAlpha(alpha);
  fractions.forEach((t, k) => {
    if (!(t > 0 && isFinite(t))) throw statisticsInputError(`fractions[${k}]`, `must be a positive number, got ${t}`);
    if (k > 0 && !(t > fractions[k - 1])) throw statisticsInputError(`fractions[${k}]`, 'looks must come at increasing information');
    if (k < fractions.length - 1 && t >= 1) throw statisticsInputError(`fractions[${k}]`, 'only the final look may reach the planned information');
  });
  const boundaries: number[] = [];
  // Nodes and weights (Simpson weight x sub-density) of Z_{k-1} on its continuation region.
  let nodes: number[] = [];
  let weights: number[] = [];
  let previousT = 0;
  let previousWidth = 1;
  for (let k = 0; k < fractions.length; k++) {
    const t = fractions[k];
    const spend = obrienFlemingSpending(t, alpha) - obrienFlemingSpending(previousT, alpha);
    let boundary: number;
    if (k === 0) {
      boundary = min(MAX_BOUNDARY, -normalQuantile(spend / 2));
    } else {
      const scale = sqrt(previousT / (t - previousT));
      const shift = sqrt(t / (t - previousT));
      const crossing = (c: number) => {
        let sum = 0;
        for (let i = 0; i < nodes.length; i++) {
          const center = nodes[i] * scale;
          sum += weights[i] * (normalCdf(-c * shift - center) + normalCdf(center - c * shift));
        }
        return sum;
      };
      boundary = solveDecreasing(crossing, spend);
    }
    boundaries.push(boundary);
    if (k + 1 === fractions.length) break;
    // The next increment's kernel width (in this look's z) sets the grid spacing, as does the
    // smoothness of this look's density (the previous kernel width).
    const nextT = fractions[k + 1];
    const width = sqrt((nextT - t) / t);
    const grid = simpsonGrid(boundary, min(0.05, width / 6, previousWidth / 6));
    const density = k === 0 ? grid.points.map((z) => exp((-z * z) / 2) / sqrt(2 * PI)) : grid.points.map((z) => transitionDensity(z, t, previousT, nodes, weights));
    nodes = grid.points;
    weights = grid.weights.map((w, i) => w * density[i]);
    previousT = t;
    previousWidth = width;
  }
  return boundaries;
}

export type SequentialDirection = 'upper' | 'lower';

export interface SequentialLook {
  informationFraction: number;
  /** the test's z at this look; positive = candidate above baseline */
  z: number;
}

export interface SequentialResult {
  /** set when a boundary was crossed: the look's index and the side */
  crossed: { look: number; direction: SequentialDirection } | null;
  boundaries: number[];
  alphaSpent: number;
  /** the last look was at the planned information (t >= 1) */
  planReached: boolean;
}

/**
 * Replays every look so far against its boundary; the first crossing decides. The first look at
 * or beyond the planned information is the final one (it spends the remaining alpha); later looks
 * are ignored. `precomputed` boundaries, when given, must be `spendingBoundaries` of the same
 * look schedule.
 */
export function sequentialTest(looks: readonly SequentialLook[], alpha: number, precomputed?: readonly number[]): SequentialResult {
  if (looks.length === 0) throw statisticsInputError('looks', 'needs at least one look');
  const finalIndex = looks.findIndex((look) => look.informationFraction >= 1);
  const used = finalIndex === -1 ? looks : looks.slice(0, finalIndex + 1);
  // The operating characteristics replay thousands of experiments on one look schedule and pass its boundaries in.
  const boundaries = precomputed
    ? precomputed.slice(0, used.length)
    : spendingBoundaries(
        used.map((look) => look.informationFraction),
        alpha,
      );
  const look = used.findIndex((l, k) => abs(l.z) >= boundaries[k]);
  const last = used[used.length - 1];
  return {
    crossed: look === -1 ? null : { look, direction: used[look].z > 0 ? 'upper' : 'lower' },
    boundaries,
    alphaSpent: obrienFlemingSpending(last.informationFraction, alpha),
    planReached: last.informationFraction >= 1,
  };
}

function transitionDensity(z: number, t: number, previousT: number, nodes: number[], weights: number[]): number {
  const increment = t - previousT;
  const factor = sqrt(t / increment) / sqrt(2 * PI);
  let sum = 0;
  for (let i = 0; i < nodes.length; i++) {
    const u = (z * sqrt(t) - nodes[i] * sqrt(previousT)) / sqrt(increment);
    sum += weights[i] * exp((-u * u) / 2);
  }
  return sum * factor;
}

const MAX_BOUNDARY = 8;
const MAX_INTERVALS = 4000;

function simpsonGrid(c: number, spacing: number): { points: number[]; weights: number[] } {
  let intervals = min(MAX_INTERVALS, max(20, ceil((2 * c) / spacing)));
  if (intervals % 2 === 1) intervals++;
  const h = (2 * c) / intervals;
  const points: number[] = [];
  const weights: number[] = [];
  for (let i = 0; i <= intervals; i++) {
    points.push(-c + i * h);
    weights.push(((i === 0 || i === intervals ? 1 : i % 2 === 1 ? 4 : 2) * h) / 3);
  }
  return { points, weights };
}

/** Solves f(c) = target for f decreasing in c, by bisection. */
function solveDecreasing(f: (c: number) => number, target: number): number {
  let lo = 0;
  let hi = MAX_BOUNDARY;
  for (let i = 0; i < 100 && hi - lo > 1e-9; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
