import { Injectable } from '@nestjs/common';
import { DomainError, isDomainError } from '#core';
import { checkMigrationMapping, ENGINE_ERRORS, type Command } from '#engine';
import { InstanceRepository, PERSISTENCE_ERRORS, type ProcessVersionRecord, type StoredInstance } from '#persistence';
import { APP_ERRORS } from '../common/app-errors.js';
import { ProcessVersionCache } from '../definitions/process-version-cache.js';
import { AuditEntryView } from './dto/audit-entry.view.js';
import { InstanceView } from './dto/instance.view.js';
import { MAX_BATCH_INSTANCES, type MigrateInstancesDto } from './dto/migrate-instances.dto.js';
import type { MigrateInstanceDto } from './dto/migrate-instance.dto.js';
import { BatchMigrationView, type InstanceMigrationView } from './dto/migration-result.view.js';
import type { OperatorDto } from './dto/operator.dto.js';
import type { SetVariablesDto } from './dto/set-variables.dto.js';
import { InstanceCommands } from './instance-commands.service.js';
import { instanceNotFound } from './instance-not-found.js';

/** Attempts at migrating one instance of a batch while other commands keep changing it. */
const MIGRATION_ATTEMPTS = 3;

/**
 * What an operator does to a running case: cancel, suspend, resume, set variables, move it to
 * another version. Each is one command through InstanceCommands (revision-guarded), and each
 * leaves a record in the instance's audit trail, written in the same statement.
 */
@Injectable()
export class InstanceOperationsService {
  constructor(
    private readonly instances: InstanceRepository,
    private readonly versions: ProcessVersionCache,
    private readonly commands: InstanceCommands,
  ) {}

  cancel(id: string, by: OperatorDto, actor: string): Promise<InstanceView> {
    return this.run(id, { type: 'cancelInstance', ...operator(by, actor) });
  }

  suspend(id: string, by: OperatorDto, actor: string): Promise<InstanceView> {
    return this.run(id, { type: 'suspendInstance', ...operator(by, actor) });
  }

  resume(id: string, by: OperatorDto, actor: string): Promise<InstanceView> {
    return this.run(id, { type: 'resumeInstance', ...operator(by, actor) });
  }

  setVariables(id: string, { variables, activityInstanceId, ...by }: SetVariablesDto, actor: string): Promise<InstanceView> {
    return this.run(id, { type: 'setVariables', variables, ...(activityInstanceId !== undefined && { activityInstanceId }), ...operator(by, actor) });
  }

  async migrate(id: string, { targetProcessVersionId, mapping, ...by }: MigrateInstanceDto, actor: string): Promise<InstanceView> {
    const instance = await this.load(id);
    const target = await this.versions.get(targetProcessVersionId);
    const { state, revision, version } = await this.commands.migrate(instance, target, { ...(mapping && { mapping }), ...operator(by, actor) });
    return InstanceView.of(state, revision, version);
  }

  /**
   * Moves the running instances of one version to another, each on its own (one commit each): the
   * answer says per instance whether it moved or why not. A mapping that is wrong for any instance
   * (unknown elements, another process) refuses the whole batch up front.
   */
  async migrateInstances(sourceProcessVersionId: string, dto: MigrateInstancesDto, actor: string): Promise<BatchMigrationView> {
    const { targetProcessVersionId, mapping = {}, instanceIds, dryRun = false, ...by } = dto;
    const [source, target] = await Promise.all([this.versions.get(sourceProcessVersionId), this.versions.get(targetProcessVersionId)]);
    const problems = checkMigrationMapping({ source: source.graph, sourceProcessVersionId, target: target.graph, targetProcessVersionId }, mapping);
    if (problems.length > 0) {
      throw new DomainError(
        ENGINE_ERRORS.migrationMappingInvalid,
        `Instances of version ${sourceProcessVersionId} cannot migrate to ${targetProcessVersionId}: ${problems.map(({ message }) => message).join(' ')}`,
        { problems },
      );
    }
    const ids = instanceIds ?? (await this.instances.findRunningOn(sourceProcessVersionId, { limit: MAX_BATCH_INSTANCES }));
    const results: InstanceMigrationView[] = [];
    // One after another: a batch must not starve the commands of the cases it moves.
    for (const instanceId of ids) results.push(await this.migrateOne(instanceId, source, target, { mapping, ...operator(by, actor) }, dryRun));
    const migrated = results.filter(({ status }) => status !== 'failed').length;
    return Object.assign(new BatchMigrationView(), {
      sourceProcessVersionId,
      targetProcessVersionId,
      dryRun,
      migrated,
      failed: results.length - migrated,
      results,
    });
  }

  async audit(id: string): Promise<AuditEntryView[]> {
    await this.load(id);
    return (await this.instances.findAudit(id)).map(AuditEntryView.of);
  }

  private async run(id: string, command: Command): Promise<InstanceView> {
    const { state, revision, version } = await this.commands.execute(await this.load(id), command);
    return InstanceView.of(state, revision, version);
  }

  private async load(id: string): Promise<StoredInstance> {
    const instance = await this.instances.load(id);
    if (!instance) throw instanceNotFound(id);
    return instance;
  }

  /** One instance of a batch: reloaded and tried again when another command changed it meanwhile. */
  private async migrateOne(
    instanceId: string,
    source: ProcessVersionRecord,
    target: ProcessVersionRecord,
    request: Parameters<InstanceCommands['migrate']>[2],
    dryRun: boolean,
  ): Promise<InstanceMigrationView> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const instance = await this.load(instanceId);
        if (instance.state.processVersionId !== source.id) {
          throw new DomainError(APP_ERRORS.instanceNotOnVersion, `Instance ${instanceId} runs on version ${instance.state.processVersionId}, not on ${source.id}`, {
            instanceId,
            processVersionId: instance.state.processVersionId,
          });
        }
        if (dryRun) {
          await this.commands.planMigration(instance, target, request);
          return { instanceId, status: 'wouldMigrate', revision: instance.revision };
        }
        const { revision } = await this.commands.migrate(instance, target, request);
        return { instanceId, status: 'migrated', revision };
      } catch (error) {
        if (!isDomainError(error)) throw error;
        if (error.code === PERSISTENCE_ERRORS.revisionConflict && attempt < MIGRATION_ATTEMPTS) continue;
        return {
          instanceId,
          status: 'failed',
          error: { code: error.code, message: error.message, ...(error.details !== undefined && { details: error.details }) },
        };
      }
    }
  }
}

/** The operator (the signed-in user, whatever the body's userId says) and reason as the engine's commands carry them. */
const operator = ({ reason }: OperatorDto, actor: string) => ({
  actor,
  ...(reason !== undefined && { reason }),
});
