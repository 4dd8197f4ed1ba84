import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';

// dependency-cruiser keeps frameworks and I/O out (.dependency-cruiser.cjs); this keeps hidden
// time and randomness out, so a seed and the parameters replay every run exactly.
const root = new URL('.', import.meta.url).pathname;
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
const BANNED = [/\bDate\.now\s*\(/, /new Date\(\s*\)/, /\bMath\.random\b/, /\bprocess\.env\b/, /\bperformance\.now\b/];

describe('libs/simulation purity', () => {
  it('reads no clock, no global randomness and no environment', () => {
    const files = sources(root);
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.flatMap((file) =>
      BANNED.filter((pattern) => pattern.test(readFileSync(file, 'utf8'))).map((pattern) => `${file.slice(root.length)}: ${pattern}`),
    );
    expect(offenders).toEqual([]);
  });
});
