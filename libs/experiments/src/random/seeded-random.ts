/**
 * The randomness port of `libs/experiments`: everything random (bootstrap resamples, the drawn
 * cases of the operating characteristics) draws from an injected `Random`, so a seed replays a report exactly.
 */

// Module-level bindings: global lookups are slow inside jest's vm contexts, and these run in hot loops.
const { PI, cos, imul, log, sqrt } = Math;

export interface Random {
  /** A uniform number in [0, 1). */
  next(): number;
}

/**
 * mulberry32: a small, fast 32-bit generator. Not cryptographic; good enough for resampling and
 * Monte-Carlo runs, and simple enough to re-implement in the Python fixture scripts bit for bit.
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return {
    next(): number {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = imul(t ^ (t >>> 15), t | 1);
      t ^= t + imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** A standard normal draw (Box-Muller; one of the pair is discarded to keep the generator stateless). */
export function normalDraw(random: Random): number {
  const u = 1 - random.next(); // (0, 1]: log(0) is avoided
  const v = random.next();
  return sqrt(-2 * log(u)) * cos(2 * PI * v);
}
