import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { diffProcesses, isFeel, type ProcessDiff, type ProcessGraph, type Problem } from '#bpmn';
import { DomainError } from '#core';
import { ExperimentRepository, ProcessVersionRepository, type ProcessVersionSummary } from '#persistence';
import { APP_ERRORS } from '../common/app-errors.js';
import { loadDocuments } from './deployment-documents.js';
import { JobWarnings } from './job-warnings.service.js';
import { ProcessVersionCache } from './process-version-cache.js';

export interface PreviewExperiment {
  id: string;
  state: string;
  newestArm: 'baseline' | 'candidate' | null;
}

export interface PreviewCaller {
  versionId: string;
  key: string;
  version: number;
  elementId: string;
  elementName: string | null;
}

/** A FEEL key is only known at run time, so only fixed keys are found. */
interface LatestBoundCaller extends PreviewCaller {
  calledKey: string;
}

export interface ProcessPreview {
  key: string;
  name: string | null;
  newest: ProcessVersionSummary | null;
  version: number;
  identical: boolean;
  diff: ProcessDiff | null;
  experiment: PreviewExperiment | null;
  callers: PreviewCaller[];
}

export interface DeploymentPreview {
  processes: ProcessPreview[];
  warnings: Problem[];
}

/** The checksum the repository recognizes identical XML by (libs/persistence checksum.ts). */
const checksumOf = (xml: string): string => createHash('sha256').update(xml).digest('hex');

/**
 * What deploying a model would change, so deploying is a decision: the difference from the key's
 * newest version (which new cases, an experiment's reads of "latest" and call activities bound to
 * latest use), the experiment steering the key, and the call activities that would start the new
 * version. It runs the deploy's own checks and stores nothing.
 */
@Injectable()
export class DeploymentPreviewService {
  constructor(
    private readonly versions: ProcessVersionRepository,
    private readonly cache: ProcessVersionCache,
    private readonly experiments: ExperimentRepository,
    private readonly jobWarnings: JobWarnings,
  ) {}

  async preview(xml: string): Promise<DeploymentPreview> {
    if (xml.trim() === '') {
      throw new DomainError(APP_ERRORS.deploymentEmpty, 'Send the BPMN XML to preview as the request body (Content-Type application/xml)');
    }
    const documents = await loadDocuments([{ xml }]);
    const graphs = documents.flatMap((document) => (document.kind === 'bpmn' ? document.graphs : []));
    if (graphs.length === 0) {
      throw new DomainError(APP_ERRORS.deploymentNoProcess, 'The model contains no executable process', { problems: documents.flatMap((document) => document.warnings) });
    }
    const all = await this.versions.list();
    const callers = await this.latestBoundCallers(all);
    const checksum = checksumOf(xml);
    const processes = await Promise.all(graphs.map((graph) => this.previewOne(graph, all, checksum, callers)));
    return { processes, warnings: [...documents.flatMap((document) => document.warnings), ...(await this.jobWarnings.of(graphs))] };
  }

  private async previewOne(graph: ProcessGraph, all: readonly ProcessVersionSummary[], checksum: string, callers: readonly LatestBoundCaller[]): Promise<ProcessPreview> {
    // `list` orders each key's versions newest first.
    const ofKey = all.filter((version) => version.key === graph.key);
    const newest = ofKey[0] ?? null;
    const same = ofKey.find((version) => version.checksum === checksum);
    const active = await this.experiments.findActive(graph.key);
    const newestArm = active?.experiment.arms.find((arm) => arm.processVersionId === newest?.id);
    return {
      key: graph.key,
      name: graph.name ?? null,
      newest,
      version: same?.version ?? (newest?.version ?? 0) + 1,
      identical: same !== undefined,
      diff: newest === null ? null : diffProcesses((await this.cache.get(newest.id)).graph, graph),
      experiment: active === null ? null : { id: active.experiment.id, state: active.experiment.state, newestArm: newestArm?.role ?? null },
      callers: callers.filter((caller) => caller.calledKey === graph.key).map(({ calledKey: _calledKey, ...caller }) => caller),
    };
  }

  /** Call activities of each key's newest version that start whatever version of a key is newest. */
  private async latestBoundCallers(all: readonly ProcessVersionSummary[]): Promise<LatestBoundCaller[]> {
    const newestOfEach = all.filter((version, index) => index === 0 || all[index - 1].key !== version.key);
    const found: LatestBoundCaller[] = [];
    for (const version of newestOfEach) {
      const { graph } = await this.cache.get(version.id);
      for (const node of Object.values(graph.nodes)) {
        if (node.type === 'callActivity' && node.binding === 'latest' && !isFeel(node.processKey)) {
          found.push({ versionId: version.id, key: version.key, version: version.version, elementId: node.id, elementName: node.name ?? null, calledKey: node.processKey });
        }
      }
    }
    return found;
  }
}
