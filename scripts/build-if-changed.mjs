/**
 * Builds what changed since the last build, for `npm start` and `npm test`: the server
 * (incremental `tsc`, skipped outright when no input changed) and the web bundle (`npm run
 * build:web`, only when apps/web or a lib it bundles changed). Each build leaves a stamp in
 * dist/.stamps: the hash of every input file's path and content, written after it succeeded.
 *
 * Usage: node scripts/build-if-changed.mjs [server] [web]   (both by default)
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** What each build reads, and the file whose absence means it never ran. */
export const BUILDS = {
  server: {
    inputs: ['apps/engine/src', 'libs', 'bench', 'scripts', 'types', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
    output: 'dist/apps/engine/src/main.js',
    command: ['npx', ['tsc', '-p', 'tsconfig.build.json']],
  },
  web: {
    inputs: ['apps/web', 'libs/bpmn/src', 'libs/core/src', 'types', 'package-lock.json'],
    output: 'dist/web/index.html',
    command: ['npm', ['run', 'build:web']],
  },
};

const SKIPPED = new Set(['node_modules', 'dist', '.data']);

const inputFiles = (inputs) =>
  inputs.flatMap((input) => {
    const path = join(projectRoot, input);
    if (!existsSync(path)) return [];
    if (statSync(path).isFile()) return [path];
    return readdirSync(path, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
      .filter(
        (file) =>
          !relative(projectRoot, file)
            .split('/')
            .some((part) => SKIPPED.has(part)),
      );
  });

/** The hash of every input's path and content: the same tree, the same hash. */
export const sourceHash = (inputs) => {
  const hash = createHash('sha256');
  for (const file of inputFiles(inputs).sort()) {
    hash.update(relative(projectRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
};

const stampPath = (name) => join(projectRoot, 'dist', '.stamps', name);

/** Runs the build when its inputs changed; answers whether it ran. */
export const buildIfChanged = (name) => {
  const build = BUILDS[name];
  const hash = sourceHash(build.inputs);
  // Current: the output is there and was made from the inputs as they are now.
  if (existsSync(join(projectRoot, build.output)) && existsSync(stampPath(name)) && readFileSync(stampPath(name), 'utf8') === hash) return false;
  const [command, args] = build.command;
  execFileSync(command, args, { cwd: projectRoot, stdio: 'inherit' });
  mkdirSync(dirname(stampPath(name)), { recursive: true });
  writeFileSync(stampPath(name), hash);
  return true;
};

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const names = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(BUILDS);
  for (const name of names) {
    if (!(name in BUILDS)) {
      console.error(`build-if-changed: unknown build ${name} (known: ${Object.keys(BUILDS).join(', ')})`);
      process.exit(2);
    }
    const startedAt = Date.now();
    try {
      const ran = buildIfChanged(name);
      console.error(ran ? `build-if-changed: ${name} built in ${((Date.now() - startedAt) / 1000).toFixed(1)} s` : `build-if-changed: ${name} unchanged`);
    } catch {
      process.exit(1); // the build printed why
    }
  }
}
