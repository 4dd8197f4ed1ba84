import type { IdGenerator } from '#engine';

/**
 * Ids for a simulated run: uuid-shaped (so they fit the database's uuid columns when a run is
 * stored), the seed in the first group and a counter in the rest, so a seed replays the same ids.
 */
export function runIds(seed: number): IdGenerator {
  const prefix = (seed >>> 0).toString(16).padStart(8, '0');
  let count = 0;
  return {
    next(): string {
      count += 1;
      // The counter fills the last group (12 hex digits: 2^48 ids) and the version and variant digits stay fixed.
      return `${prefix}-0000-4000-8000-${count.toString(16).padStart(12, '0')}`;
    },
  };
}
