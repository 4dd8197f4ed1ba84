import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding package.json above a module (pass its `import.meta.url`), from src (ts) or dist alike. */
export const projectRootOf = (moduleUrl: string): string => {
  for (let directory = dirname(fileURLToPath(moduleUrl)); directory !== dirname(directory); directory = dirname(directory)) {
    if (existsSync(join(directory, 'package.json'))) return directory;
  }
  return process.cwd();
};
