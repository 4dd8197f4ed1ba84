import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  execute,
  migrateInstance,
  migrationRefused,
  startInstance,
  type Clock,
  type Command,
  type Effect,
  type EngineResult,
  type EnginePorts,
  type IdGenerator,
  type InstanceState,
  type MigrationRequest,
  type StartCommand,
} from '#engine';
import { InstanceRepository, type CommitExtra, type IdempotentAnswerRow, type ProcessVersionRecord, type StoredInstance } from '#persistence';
import { CLOCK, ID_GENERATOR } from '../common/engine-ports.js';
import { DecisionCatalog } from '../definitions/decision-catalog.js';
import { ProcessVersionCache } from '../definitions/process-version-cache.js';
import { EngineMetrics } from '../observability/engine-metrics.js';
import { noteInstance } from '../observability/request-context.js';

/** An instance after a command, with the version it runs on. */
export interface CommandOutcome {
  state: InstanceState;
  revision: number;
  version: ProcessVersionRecord;
}

/** A command's outcome with the effects it committed (none when it changed nothing): a caller may answer from them instead of reading the rows back. */
export interface ExecuteOutcome extends CommandOutcome {
  effects: readonly Effect[];
}

/** A feature's reaction to every committed command, for what reaches beyond the instance (thrown signals, buffered messages). */
export interface AfterCommit {
  afterCommit(outcome: CommandOutcome, effects: Effect[]): Promise<void>;
}

/** A feature's check before every commit; throwing refuses the command and nothing is written (a called process that is not deployed). */
export interface BeforeCommit {
  beforeCommit(result: EngineResult): Promise<void>;
}

/** Every reaction around the commits, in the order they run; the list is in ../commit-reactions.ts. */
export interface CommitReactionList {
  before: readonly BeforeCommit[];
  after: readonly AfterCommit[];
}

/** What a command carries to its commit beyond the command: written with the instance or not at all. */
export type ExecuteExtra = Pick<CommitExtra, 'messageReceipt'>;

/** What a start carries to its commit beyond the command (an experiment's arm is also counted in the metrics): written with the case or not at all. */
export interface StartExtra extends Pick<CommitExtra, 'assignment' | 'messageReceipt' | 'startTimer'> {
  /** With an Idempotency-Key: the answer stored with the case, made from its state (a new case's answer is known before its commit). */
  answerOf?: (state: InstanceState) => IdempotentAnswerRow;
}

/**
 * The one path every state change takes: graph from the cache, the engine computes the result,
 * the repository commits it guarded by the revision it was computed from. When the engine throws,
 * nothing is written. What other features do around each commit is listed in ../commit-reactions.ts.
 */
@Injectable()
export class InstanceCommands {
  private readonly ports: EnginePorts;
  private readonly logger = new Logger(InstanceCommands.name);
  private reactions: CommitReactionList = { before: [], after: [] };

  constructor(
    private readonly instances: InstanceRepository,
    private readonly versions: ProcessVersionCache,
    private readonly decisions: DecisionCatalog,
    private readonly metrics: EngineMetrics,
    @Inject(CLOCK) clock: Clock,
    @Inject(ID_GENERATOR) ids: IdGenerator,
  ) {
    this.ports = { clock, ids };
  }

  /**
   * Set once, at start, by CommitReactions (../commit-reactions.ts), which lists them all. After
   * each commit they run in order; a failing one is logged and never fails the committed command.
   */
  react(reactions: CommitReactionList): void {
    this.reactions = reactions;
  }

  start(
    version: ProcessVersionRecord,
    // An experiment's router picks the id before the start: its assignment may hash it.
    { instanceId = this.ports.ids.next(), ...command }: Omit<StartCommand, 'type' | 'instanceId' | 'processVersionId'> & { instanceId?: string },
    { answerOf, ...extra }: StartExtra = {},
  ): Promise<CommandOutcome> {
    return this.metrics.timeCommand('start', async () => {
      const result = startInstance(version.graph, { type: 'start', instanceId, processVersionId: version.id, ...command }, await this.portsFor(version));
      noteInstance(result.state.id);
      await this.check(result);
      const outcome = await this.committed(
        result,
        version,
        await this.instances.commit(result, null, {
          ...extra,
          ...(answerOf && { idempotentAnswer: answerOf(result.state) }),
          ...(version.graph.uniqueBusinessKey && { uniqueBusinessKey: true }),
        }),
      );
      this.metrics.caseStarted(version.key, extra.assignment?.armId);
      this.countEnd(null, outcome);
      return outcome;
    });
  }

  execute(instance: StoredInstance, command: Command, extra: ExecuteExtra = {}): Promise<ExecuteOutcome> {
    noteInstance(instance.state.id);
    return this.metrics.timeCommand(command.type, async () => {
      const outcome = await this.executeUntimed(instance, command, extra);
      this.countEnd(instance.state, outcome);
      return outcome;
    });
  }

  private async executeUntimed(instance: StoredInstance, command: Command, extra: ExecuteExtra): Promise<ExecuteOutcome> {
    const version = await this.versions.get(instance.state.processVersionId);
    const result = execute(version.graph, instance.state, command, await this.portsFor(version));
    // A command that changed nothing (e.g. a worker re-locking started work) needs no write.
    if (result.steps.length === 0 && result.effects.length === 0 && sameState(result.state, instance.state)) {
      return { state: instance.state, revision: instance.revision, version, effects: [] };
    }
    await this.check(result);
    return { ...(await this.committed(result, version, await this.instances.commit(result, instance, extra))), effects: result.effects };
  }

  /**
   * Moves the instance to another version of its process (see `migrateInstance`), guarded by the
   * revision like any command; refused with the problem list, nothing written, when an active
   * element has nowhere to go.
   */
  async migrate(instance: StoredInstance, target: ProcessVersionRecord, request: Pick<MigrationRequest, 'mapping' | 'actor' | 'reason'>): Promise<CommandOutcome> {
    const result = await this.planMigration(instance, target, request);
    return this.committed(result, target, await this.instances.commit(result, instance));
  }

  /** What `migrate` would write, checked but not committed: a dry run's answer, or the refusal naming each element. */
  async planMigration(instance: StoredInstance, target: ProcessVersionRecord, request: Pick<MigrationRequest, 'mapping' | 'actor' | 'reason'>): Promise<EngineResult> {
    const source = await this.versions.get(instance.state.processVersionId);
    const migration = { source: source.graph, target: target.graph, targetProcessVersionId: target.id, ...request };
    const outcome = migrateInstance(instance.state, migration, await this.portsFor(target));
    if ('problems' in outcome) throw migrationRefused(instance.state.id, outcome);
    await this.check(outcome.result);
    return outcome.result;
  }

  private countEnd(before: InstanceState | null, { state, version }: CommandOutcome): void {
    if (state.endedAt !== undefined && before?.endedAt === undefined) this.metrics.caseEnded(version.key, state.status);
  }

  /** The clock and ids, and the deployed decisions the version's business-rule tasks call (latest versions, read now). */
  private async portsFor(version: ProcessVersionRecord): Promise<EnginePorts> {
    return { ...this.ports, decisions: await this.decisions.lookupFor(version.graph) };
  }

  private async check(result: EngineResult): Promise<void> {
    for (const check of this.reactions.before) await check.beforeCommit(result);
  }

  private async committed(result: EngineResult, version: ProcessVersionRecord, revision: number): Promise<CommandOutcome> {
    const outcome = { state: result.state, revision, version };
    for (const reaction of this.reactions.after) {
      try {
        await reaction.afterCommit(outcome, result.effects);
      } catch (error) {
        const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
        this.logger.error(`After the commit of instance ${result.state.id}: ${reason}`);
      }
    }
    return outcome;
  }
}

const sameState = (a: InstanceState, b: InstanceState): boolean => JSON.stringify(a) === JSON.stringify(b);
