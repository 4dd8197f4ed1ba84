import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What keeps a pure lib replayable beyond dependency-cruiser's framework and I/O rules: no hidden
 * clock, global randomness or environment. Answers each source file (specs left out) under `root`
 * with the patterns it uses, and how many files were read.
 */
const BANNED = [/\bDate\.now\s*\(/, /new Date\(\s*\)/, /\bMath\.random\b/, /\bprocess\.env\b/, /\bperformance\.now\b/];

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });

export function impureSources(root: string): { files: number; offenders: string[] } {
  const files = sources(root);
  const offenders = files.flatMap((file) => BANNED.filter((pattern) => pattern.test(readFileSync(file, 'utf8'))).map((pattern) => `${file.slice(root.length)}: ${pattern}`));
  return { files: files.length, offenders };
}
