/**
 * The assignment hash: FNV-1a (32-bit) over the seed and the unit key, finished with murmur3's
 * fmix32 so keys that differ in one character spread over the whole range, mapped to [0, 1).
 * Same seed and key, same number: on every replica and in every replay.
 */
// Module-level binding: global lookups are slow inside jest's vm contexts, and this runs per start.
const { imul } = Math;

export function unitHash(seed: number, key: string): number {
  let h = 0x811c9dc5;
  const text = `${seed}:${key}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}
