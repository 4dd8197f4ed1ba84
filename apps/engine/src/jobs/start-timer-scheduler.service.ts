import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { ProcessGraph } from '#bpmn';
import { isDomainError } from '#core';
import { planTimer, type Clock, type IdGenerator } from '#engine';
import { JobRepository, ProcessVersionRepository, type ProcessVersionSummary } from '#persistence';
import { CLOCK, ID_GENERATOR } from '../common/engine-ports.js';
import { timerStartEvents } from './timer-start-events.js';

type DeployedSummary = Pick<ProcessVersionSummary, 'id' | 'key' | 'deployedAt'>;

/** A deployed version with its graph. */
export interface SchedulableVersion extends DeployedSummary {
  graph: ProcessGraph;
}

/**
 * Schedules process-level timer start events as jobs of their version: when a version becomes the
 * newest of its key, its timers replace those of the version before (Camunda's rule), so only the
 * newest version starts instances by timer. A timeDuration counts from the deployment.
 */
@Injectable()
export class StartTimerScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(StartTimerScheduler.name);

  constructor(
    private readonly jobs: JobRepository,
    private readonly versions: ProcessVersionRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /**
   * After a deployment (also of identical XML, which heals a deployment cut short before its
   * timers were scheduled): each version that is the newest of its key and was never scheduled
   * gets its start timers.
   */
  async scheduleDeployed(versions: readonly DeployedSummary[], graphs: readonly ProcessGraph[]): Promise<void> {
    for (const version of versions) {
      const graph = graphs.find((candidate) => candidate.key === version.key);
      if (graph) await this.schedule({ ...version, graph });
    }
  }

  /** Returns whether it scheduled (false: not the newest version, or scheduled before). */
  schedule(version: SchedulableVersion): Promise<boolean> {
    const deployedAt = version.deployedAt.toISOString();
    // FEEL settings are refused at deploy (no variables exist before the instance), so literal ones plan without failing.
    const timers = timerStartEvents(version.graph).map(({ elementId, definition }) => ({
      id: this.ids.next(),
      elementId,
      ...planTimer(definition, deployedAt, elementId),
    }));
    return this.jobs.replaceStartTimers({ processKey: version.key, processVersionId: version.id, timers, now: this.clock.now() });
  }

  /** An engine stopped between storing a version and scheduling its timers: schedule them now. */
  async onApplicationBootstrap(): Promise<void> {
    try {
      for (const id of await this.jobs.findUnscheduledLatestVersionIds()) {
        const version = await this.versions.findRunnable(id);
        if (version && (await this.schedule(version))) this.logger.log(`Scheduled the start timers of ${version.key} v${version.version}`);
      }
    } catch (error) {
      this.logger.error(`Start timers not checked: ${isDomainError(error) ? `${error.code}: ${error.message}` : String(error)}`);
    }
  }
}
