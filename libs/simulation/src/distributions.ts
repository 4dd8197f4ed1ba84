import { normalDraw, type Random } from '#experiments';
import type { Distribution } from './parameters.js';

const { exp, log, sqrt } = Math;

/**
 * One draw, in the distribution's unit (minutes for durations). The log-normal is given by the mean
 * and sd of the values themselves: sigma^2 = ln(1 + sd^2 / mean^2), mu = ln(mean) - sigma^2 / 2.
 */
export function sample(distribution: Distribution, random: Random): number {
  switch (distribution.kind) {
    case 'fixed':
      return distribution.value;
    case 'exponential':
      return -distribution.mean * log(1 - random.next());
    case 'logNormal': {
      const { mean, sd } = distribution;
      if (sd === 0) return mean;
      const sigma2 = log(1 + (sd * sd) / (mean * mean));
      return exp(log(mean) - sigma2 / 2 + sqrt(sigma2) * normalDraw(random));
    }
  }
}

/** The value whose weight the draw falls in (weights need not sum to 1). */
export function choose<T extends string>(weights: Readonly<Record<T, number>>, random: Random): T {
  const entries = Object.entries(weights) as [T, number][];
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let point = random.next() * total;
  for (const [value, weight] of entries) {
    point -= weight;
    if (point < 0) return value;
  }
  // Rounding can leave a sliver above the last weight: it belongs to the last value with weight.
  return entries.filter(([, weight]) => weight > 0).at(-1)![0];
}
