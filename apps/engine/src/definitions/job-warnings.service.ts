import { Inject, Injectable } from '@nestjs/common';
import type { Problem, ProcessGraph } from '#bpmn';
import { WorkerTopicRepository } from '#persistence';
import { APP_CONFIG, type AppConfig } from '../common/config.js';
import { connectorWarnings, externalJobTypes, unservedJobWarnings } from '../connectors/connector-warnings.js';

/**
 * What only the engine knows about a model's jobs: secrets it lacks, a connector turned off, job
 * types no worker has fetched. A deployment lists them, and so does its preview, so the modeler can
 * show them before the designer decides.
 */
@Injectable()
export class JobWarnings {
  constructor(
    private readonly workerTopics: WorkerTopicRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async of(graphs: readonly ProcessGraph[]): Promise<Problem[]> {
    const fetched = await this.workerTopics.fetched(externalJobTypes(graphs));
    return [...connectorWarnings(graphs, this.config.connectors), ...unservedJobWarnings(graphs, fetched)];
  }
}
