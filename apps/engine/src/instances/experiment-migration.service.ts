import { Injectable } from '@nestjs/common';
import type { RunningMigrationView } from '#api-types';
import { DomainError } from '#core';
import { ExperimentRepository } from '#persistence';
import type { MigrateRunningDto } from '../experiments/dto/migrate-running.dto.js';
import { EXPERIMENTS_API_ERRORS } from '../experiments/experiment-errors.js';
import { MAX_BATCH_INSTANCES } from './dto/migrate-instances.dto.js';
import { InstanceOperationsService } from './instance-operations.service.js';

/**
 * Here, not in experiments/: it moves instances, and the instances feature already depends on
 * experiments (the router), never the other way round.
 *
 * After a promote, the running cases of the other arms may move to the winner's version (issue 7
 * point 3), through the instance migration: a dry run first, that names every case that could
 * not move and why, then the real run. Only the experiment's own routed cases are touched.
 */
@Injectable()
export class ExperimentMigrationService {
  constructor(
    private readonly experiments: ExperimentRepository,
    private readonly operations: InstanceOperationsService,
  ) {}

  async migrateRunning(id: string, dto: MigrateRunningDto, actor: string): Promise<RunningMigrationView> {
    const record = await this.experiments.findById(id);
    if (!record) throw new DomainError(EXPERIMENTS_API_ERRORS.notFound, `No experiment ${id}`, { id });
    const { experiment } = record;
    const winner = experiment.arms.find((arm) => arm.id === experiment.winnerArmId);
    if (experiment.state !== 'promoted' || !winner) {
      throw new DomainError(EXPERIMENTS_API_ERRORS.notPromoted, `experiment ${id} is ${experiment.state}: promote a winner before moving its running cases`, {
        state: experiment.state,
      });
    }
    const dryRun = dto.dryRun ?? true;
    const running = await this.experiments.routedCases(id, { runningOnly: true });
    const arms: RunningMigrationView['arms'] = [];
    for (const arm of experiment.arms.filter((a) => a.id !== winner.id)) {
      const instanceIds = running.filter((route) => route.armId === arm.id && route.processVersionId === arm.processVersionId).map((route) => route.instanceId);
      // A batch takes at most MAX_BATCH_INSTANCES; the rest wait for the next call.
      const batch = instanceIds.slice(0, MAX_BATCH_INSTANCES);
      const result =
        batch.length === 0
          ? { sourceProcessVersionId: arm.processVersionId, targetProcessVersionId: winner.processVersionId, dryRun, migrated: 0, failed: 0, results: [] }
          : await this.operations.migrateInstances(
              arm.processVersionId,
              {
                targetProcessVersionId: winner.processVersionId,
                instanceIds: batch,
                dryRun,
                ...(dto.mapping && { mapping: dto.mapping }),
                reason: dto.reason ?? `experiment ${id} promoted arm "${winner.id}"`,
              },
              actor,
            );
      arms.push({ armId: arm.id, ...result });
    }
    return { experimentId: id, winnerArmId: winner.id, dryRun, arms };
  }
}
