import { seededRandom, type Random } from '#experiments';

/**
 * One generator per kind of draw, each seeded from the run's seed. Changing a pool size then changes
 * neither the arrivals nor the case mix (common random numbers), so two runs compare like for like.
 */
export interface RandomStreams {
  arrivals: Random;
  variables: Random;
  durations: Random;
  branches: Random;
  escalations: Random;
}

const STREAMS = ['arrivals', 'variables', 'durations', 'branches', 'escalations'] as const;

export function randomStreams(seed: number): RandomStreams {
  const streams = {} as Record<(typeof STREAMS)[number], Random>;
  STREAMS.forEach((name, index) => {
    // Spread the stream seeds with the golden-ratio increment, so neighboring seeds do not share streams.
    streams[name] = seededRandom((seed + Math.imul(index + 1, 0x9e3779b9)) >>> 0);
  });
  return streams;
}
