import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import type { LoggerService } from '@nestjs/common';
import { isDomainError } from '#core';
import type { DefinitionsService } from './definitions.service.js';

/**
 * Forms and DMN before BPMN, so a model naming a form or calling a decision of the directory finds it
 * deployed (a form missing would refuse the model; a decision missing logs a warning).
 */
const DEPLOYED_EXTENSIONS = ['.form', '.dmn', '.bpmn'];

/** A reference model named for its role (`as-is.bpmn`, `to-be.bpmn`) is tagged with it, so the pickers tell the two apart. */
const TAGGED_FILE_NAMES = new Set(['as-is', 'to-be']);

export const tagOfFile = (path: string): string | undefined => {
  const stem = basename(path).replace(/\.bpmn$/, '');
  return TAGGED_FILE_NAMES.has(stem) ? stem : undefined;
};

/**
 * Deploys every `.form`, `.dmn` and `.bpmn` file under a directory (the reference processes at start), one
 * file per deployment. Identical XML returns the version deployed before, so this is safe on every
 * start. A file that fails is reported and the others still deploy.
 */
export const deployDirectory = async (definitions: DefinitionsService, directory: string, logger: LoggerService): Promise<void> => {
  let entries: string[];
  try {
    entries = await readdir(directory, { recursive: true });
  } catch {
    logger.warn(`No process directory at ${directory}: nothing deployed`);
    return;
  }
  for (const extension of DEPLOYED_EXTENSIONS) {
    for (const file of entries.filter((entry) => entry.endsWith(extension)).sort()) {
      const path = join(directory, file);
      const name = relative(directory, path);
      try {
        const { processVersions, decisions, forms, warnings } = await definitions.deploy([{ name: basename(path), xml: await readFile(path, 'utf8') }], undefined, tagOfFile(path));
        for (const deployed of [...processVersions, ...decisions, ...forms]) {
          logger.log(`${name}: ${deployed.key} v${deployed.version}${deployed.created ? ' deployed' : ' (unchanged)'}`);
        }
        // At start no worker has had the chance to connect yet, so "no worker has fetched this job type" would only be noise.
        for (const { elementId, message } of warnings.filter(({ rule }) => rule !== 'job-worker')) logger.warn(`${name}: ${elementId === null ? '' : `${elementId}: `}${message}`);
      } catch (error) {
        const reason = isDomainError(error) ? `${error.code}: ${error.message}` : String(error);
        logger.error(`${name} was not deployed: ${reason}`);
      }
    }
  }
};
