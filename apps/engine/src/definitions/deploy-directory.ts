import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { LoggerService } from '@nestjs/common';
import { isDomainError } from '#core';
import type { DefinitionsService } from './definitions.service.js';

/**
 * Deploys every `.bpmn` file under a directory (the reference processes at start). Identical XML
 * returns the version deployed before, so this is safe on every start. A file that fails is
 * reported and the others still deploy.
 */
export const deployDirectory = async (definitions: DefinitionsService, directory: string, logger: LoggerService): Promise<void> => {
  let entries: string[];
  try {
    entries = await readdir(directory, { recursive: true });
  } catch {
    logger.warn(`No process directory at ${directory}: nothing deployed`);
    return;
  }
  for (const file of entries.filter((entry) => entry.endsWith('.bpmn')).sort()) {
    const path = join(directory, file);
    try {
      const { processVersions } = await definitions.deploy(await readFile(path, 'utf8'));
      for (const version of processVersions) {
        logger.log(`${relative(directory, path)}: ${version.key} v${version.version}${version.created ? ' deployed' : ' (unchanged)'}`);
      }
    } catch (error) {
      const reason = isDomainError(error) ? `${error.code}: ${error.message}` : String(error);
      logger.error(`${relative(directory, path)} was not deployed: ${reason}`);
    }
  }
};
