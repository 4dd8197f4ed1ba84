import { Injectable } from '@nestjs/common';
import { DomainError } from '#core';
import { ProcessVersionRepository, type ProcessVersionRecord } from '#persistence';
import { APP_ERRORS } from '../common/app-errors.js';

/**
 * Compiled process versions by id. Versions are immutable, so a loaded graph never goes stale
 * and every command after the first on a version skips reading it from the database.
 */
@Injectable()
export class ProcessVersionCache {
  private readonly versions = new Map<string, Promise<ProcessVersionRecord>>();

  constructor(private readonly repository: ProcessVersionRepository) {}

  get(id: string): Promise<ProcessVersionRecord> {
    let version = this.versions.get(id);
    if (!version) {
      version = this.load(id);
      this.versions.set(id, version);
      // A failed load is not cached: the next command tries again.
      version.catch(() => this.versions.delete(id));
    }
    return version;
  }

  /** The newest version of a key: new instances start on it. */
  async latest(key: string): Promise<ProcessVersionRecord> {
    return this.newest(key, await this.repository.findLatestId(key));
  }

  /** The newest version of a key from its id, read with something else (null: the key is not deployed). */
  async newest(key: string, id: string | null): Promise<ProcessVersionRecord> {
    if (id === null) {
      throw new DomainError(APP_ERRORS.processNotFound, `No process with key '${key}' is deployed`, { key });
    }
    return this.get(id);
  }

  private async load(id: string): Promise<ProcessVersionRecord> {
    const version = await this.repository.findRunnable(id);
    if (!version) {
      throw new DomainError(APP_ERRORS.processVersionNotFound, `Process version ${id} does not exist`, { id });
    }
    return version;
  }
}
