import { Injectable } from '@nestjs/common';
import type { CalledProcessBinding } from '#bpmn';
import { DomainError } from '#core';
import { ProcessVersionRepository, type ProcessVersionRecord } from '#persistence';
import { APP_ERRORS } from '../common/app-errors.js';
import { ProcessVersionCache } from '../definitions/process-version-cache.js';
import { refuseDocumentationOnly } from '../definitions/runnable-version.js';

export interface Call {
  /** The call activity element, for the error. */
  elementId: string;
  processKey: string;
  binding: CalledProcessBinding;
}

/** Finds the version a call activity starts: the newest of the key, or the pinned version number. */
@Injectable()
export class CalledProcesses {
  constructor(
    private readonly repository: ProcessVersionRepository,
    private readonly versions: ProcessVersionCache,
  ) {}

  /** CALLED_PROCESS_NOT_FOUND (422) naming the call activity, the key and the version when it is not deployed. */
  async resolve({ elementId, processKey, binding }: Call): Promise<ProcessVersionRecord> {
    const id = await this.find(processKey, binding);
    if (id === null) {
      throw new DomainError(
        APP_ERRORS.calledProcessNotFound,
        processKey === ''
          ? `Call activity '${elementId}' names no process to call.`
          : `Call activity '${elementId}' calls ${wanted(processKey, binding)}, which is not deployed; deploy it and try again.`,
        { elementId, processKey, ...(binding !== 'latest' && binding) },
      );
    }
    const version = await this.versions.get(id);
    refuseDocumentationOnly(version);
    return version;
  }

  private find(processKey: string, binding: CalledProcessBinding): Promise<string | null> {
    if (binding === 'latest') return this.repository.findLatestId(processKey);
    if ('versionTag' in binding) return this.repository.findLatestTaggedId(processKey, binding.versionTag);
    return this.repository.findVersionId(processKey, binding.version);
  }
}

const wanted = (processKey: string, binding: CalledProcessBinding): string => {
  if (binding === 'latest') return `process '${processKey}'`;
  if ('versionTag' in binding) return `the newest version of process '${processKey}' tagged '${binding.versionTag}'`;
  return `version ${binding.version} of process '${processKey}'`;
};
