import { Injectable } from '@nestjs/common';
import { diffProcesses, type ProcessDiff } from '#bpmn';
import type { ProcessVersionSummary } from '#persistence';
import { ProcessVersionCache } from './process-version-cache.js';

export interface ProcessVersionDiff {
  before: ProcessVersionSummary;
  after: ProcessVersionSummary;
  diff: ProcessDiff;
}

/** What changed between two deployed versions, from their compiled graphs (versions are immutable, so cached). */
@Injectable()
export class ProcessVersionDiffService {
  constructor(private readonly versions: ProcessVersionCache) {}

  async diff(beforeId: string, afterId: string): Promise<ProcessVersionDiff> {
    // One after the other, so an unknown `before` is the one reported when both are unknown.
    const before = await this.versions.get(beforeId);
    const after = await this.versions.get(afterId);
    return { before, after, diff: diffProcesses(before.graph, after.graph) };
  }
}
