/**
 * The data hash of a verdict report: FNV-1a (64-bit) over a canonical JSON of the inputs, in
 * which object keys are sorted and every array is treated as a multiset (its items sorted by
 * their canonical text), so the same observations hash the same whatever order the database
 * returned them in. It identifies the inputs for a reproducible report; it is not a security hash.
 */
export function dataHash(data: unknown): string {
  // The 64-bit state in four 16-bit limbs (low first), so a character costs a few integer
  // operations rather than BigInt arithmetic: the offset basis 0xcbf29ce484222325; the prime
  // 0x100000001b3 = 2^40 + 0x1b3, so h * prime = h * 0x1b3 + (h << 40) mod 2^64.
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  const text = canonicalJson(data);
  for (let i = 0; i < text.length; i++) {
    // A UTF-16 code unit has 16 bits: it only touches the lowest limb.
    h0 ^= text.charCodeAt(i);
    let t0 = h0 * 0x1b3;
    let t1 = h1 * 0x1b3 + (t0 >>> 16);
    let t2 = h2 * 0x1b3 + (t1 >>> 16);
    let t3 = h3 * 0x1b3 + (t2 >>> 16);
    t0 &= 0xffff;
    t1 &= 0xffff;
    t2 = (t2 & 0xffff) + ((h0 << 8) & 0xffff);
    t3 = t3 + (h0 >>> 8) + ((h1 << 8) & 0xffff) + (t2 >>> 16);
    h0 = t0;
    h1 = t1;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  const hex = (limb: number) => limb.toString(16).padStart(4, '0');
  return hex(h3) + hex(h2) + hex(h1) + hex(h0);
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).sort().join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The largest number of cases whose data hash is the canonical JSON's; more are digested field by field (`caseDigest`). */
export const CANONICAL_HASH_MAX_CASES = 10_000;

export interface DigestedCase {
  instanceId: string;
  armId: string;
  startedAt: number;
  endedAt: number | null;
  values: Readonly<Record<string, number | null | undefined>>;
  stages: Readonly<Record<string, { waitingMs: number; processingMs: number }>>;
}

/**
 * The data hash of many cases, given in a canonical order (the analysis sorts them by instance id):
 * two 32-bit FNV-1a lanes over each case's fields, numbers as their 64 bits, object keys sorted.
 * The canonical JSON of 200,000 cases is some 80 million characters; this reads each field once
 * and builds no text. A different function from `dataHash`, used only above
 * CANONICAL_HASH_MAX_CASES, so smaller experiments keep the hash their reports carry. With
 * aggregates (the analysis above the exact path's threshold) their canonical JSON is digested too.
 */
export function caseDigest(cases: readonly DigestedCase[], activities: number, aggregates?: unknown): string {
  const word = new Float64Array(1);
  const halves = new Uint32Array(word.buffer);
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  const mix = (value: number) => {
    a = Math.imul(a ^ value, 0x01000193);
    b = Math.imul(b ^ value, 0x01000193) ^ (b >>> 15);
  };
  const text = (value: string) => {
    for (let i = 0; i < value.length; i++) mix(value.charCodeAt(i));
    mix(0xffff0000 | value.length);
  };
  const number = (value: number | null | undefined) => {
    if (value === null || value === undefined) return mix(value === null ? 0xfffe0001 : 0xfffe0002);
    word[0] = value;
    mix(halves[0]);
    mix(halves[1]);
  };
  const record = (value: Readonly<Record<string, unknown>>, each: (item: unknown) => void) => {
    for (const key of Object.keys(value).sort()) {
      text(key);
      each(value[key]);
    }
  };
  for (const c of cases) {
    text(c.instanceId);
    text(c.armId);
    number(c.startedAt);
    number(c.endedAt);
    record(c.values, (value) => number(value as number | null | undefined));
    record(c.stages, (stage) => {
      number((stage as { waitingMs: number }).waitingMs);
      number((stage as { processingMs: number }).processingMs);
    });
  }
  number(activities);
  // Above the exact path's threshold the metrics, stages and activities come as aggregates: their canonical JSON (which sorts arrays, so the database's row order does not matter).
  if (aggregates !== undefined) text(canonicalJson(aggregates));
  const hex = (lane: number) => (lane >>> 0).toString(16).padStart(8, '0');
  return hex(a) + hex(b);
}
