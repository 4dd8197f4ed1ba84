import { randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '#core';
import type { Clock, IdGenerator } from '#engine';
import {
  EXPERIMENT_ERRORS,
  amendPlan,
  nextState,
  planRequirements,
  setArmPaused,
  transition,
  validateExperiment,
  type Experiment,
  type ExperimentAction,
  type ExperimentProblem,
  type Traffic,
} from '#experiments';
import { ExperimentRepository, type ExperimentFilter, type ExperimentRecord, type NewExperimentEvent, type Page } from '#persistence';
import type { Principal } from '../auth/principal.js';
import { CLOCK, ID_GENERATOR } from '../common/engine-ports.js';
import { ProcessVersionCache } from '../definitions/process-version-cache.js';
import { AssignmentRecordView } from './dto/assignment.view.js';
import type { ExperimentDto } from './dto/experiment.dto.js';
import { ExperimentEventView } from './dto/experiment-event.view.js';
import { ExperimentView } from './dto/experiment.view.js';
import { APP_ERRORS } from '../common/app-errors.js';
import { EXPERIMENTS_API_ERRORS } from './experiment-errors.js';
import { changedFixedFields, experimentOf } from './experiment-definition.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 86_400_000;
const ACTIONS: readonly string[] = ['start', 'pause', 'resume', 'stop', 'promote'] satisfies ExperimentAction[];
const isAction = (action: string): action is ExperimentAction => ACTIONS.includes(action);

/** An arm's unknown version is a problem of the request; any other failure stays what it is. */
const unlessNotFound = (error: unknown): null => {
  if (error instanceof DomainError && error.code === APP_ERRORS.processVersionNotFound) return null;
  throw error;
};

/** What a state change takes besides its action. */
export interface TransitionRequest {
  reason?: string;
  winnerArmId?: string;
}

/** Experiments (issue 7): drafts validated by the lib, state changes by its state machine, each logged as an event. */
@Injectable()
export class ExperimentsService {
  constructor(
    private readonly experiments: ExperimentRepository,
    private readonly versions: ProcessVersionCache,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async create(dto: ExperimentDto, principal: Principal): Promise<ExperimentView> {
    // A seed any 32-bit hash can take; the request may fix it for a reproducible rerun.
    const experiment = experimentOf(dto, { id: this.ids.next(), state: 'draft', seed: randomInt(0, 2 ** 31), analysisVersion: 1 });
    await this.requireValid(experiment);
    const now = this.clock.now();
    const record: ExperimentRecord = { experiment, createdAt: now, createdBy: principal.name, startedAt: null, stoppedAt: null };
    await this.experiments.create(record, this.event(principal, 'create', null, 'draft', undefined, now));
    return ExperimentView.of(record);
  }

  async list(filter: ExperimentFilter): Promise<ExperimentView[]> {
    return (await this.experiments.list(filter)).map((record) => ExperimentView.of(record));
  }

  /** The experiment with its progress: cases per arm (assigned, running, finished) and what the plan needs. */
  async get(id: string): Promise<ExperimentView> {
    const record = await this.find(id);
    const counts = await this.experiments.armCounts(id);
    return ExperimentView.of(record, { counts, requirements: planRequirements(record.experiment, this.traffic(record, counts)) });
  }

  /**
   * Replaces a draft's definition. Once started only the plan may change: `amendPlan` bumps the
   * analysis version, and any other changed field is refused naming it.
   */
  async update(id: string, dto: ExperimentDto, principal: Principal): Promise<ExperimentView> {
    const { experiment: current } = await this.find(id);
    const requested = experimentOf(dto, current);
    let next: Experiment;
    if (current.state === 'draft') next = requested;
    else {
      const changed = changedFixedFields(current, requested);
      if (changed.length > 0 && (current.state === 'running' || current.state === 'paused')) {
        throw new DomainError(EXPERIMENTS_API_ERRORS.definitionFixed, `experiment ${id} is ${current.state}: only its plan may change, not ${changed.join(', ')}`, {
          state: current.state,
          fields: changed,
        });
      }
      next = amendPlan(current, requested.plan);
    }
    await this.requireValid(next);
    const amended = next.analysisVersion !== current.analysisVersion;
    const event = amended
      ? this.event(principal, 'amendPlan', current.state, current.state, undefined, this.clock.now(), { analysisVersion: next.analysisVersion, plan: next.plan })
      : null;
    await this.save(next, current.state, event);
    return this.get(id);
  }

  /** start, pause, resume, stop or promote, as the lib's state machine allows; refused with the current state otherwise. */
  async act(id: string, action: ExperimentAction, principal: Principal, { reason, winnerArmId }: TransitionRequest = {}): Promise<ExperimentView> {
    const { experiment } = await this.find(id);
    const next = transition(experiment, action, winnerArmId);
    if (action === 'start') await this.requireKeyFree(experiment);
    const details = action === 'promote' ? { winnerArmId } : undefined;
    await this.save(next, experiment.state, this.event(principal, action, experiment.state, next.state, reason, this.clock.now(), details));
    return this.get(id);
  }

  /**
   * Pauses or resumes one candidate arm by hand (a guardrail pause is lifted this way): while
   * paused its new cases go to the baseline. Only a running or paused experiment has arms to steer.
   */
  async setArm(id: string, armId: string, paused: boolean, principal: Principal, reason?: string): Promise<ExperimentView> {
    const { experiment } = await this.find(id);
    if (experiment.state !== 'running' && experiment.state !== 'paused') {
      throw new DomainError(EXPERIMENT_ERRORS.transitionInvalid, `experiment ${id} is ${experiment.state}: its arms route no cases`, { state: experiment.state });
    }
    const next = setArmPaused(experiment, armId, paused);
    const event = this.event(principal, paused ? 'armPause' : 'armResume', experiment.state, experiment.state, reason, this.clock.now(), { armId });
    await this.save(next, experiment.state, event);
    return this.get(id);
  }

  async assignments(id: string, page: { limit: number; offset: number }): Promise<Page<AssignmentRecordView>> {
    await this.find(id);
    const { items, total } = await this.experiments.assignments(id, page);
    return { items: items.map((item) => AssignmentRecordView.ofRecord(item)), total };
  }

  async events(id: string): Promise<ExperimentEventView[]> {
    await this.find(id);
    return (await this.experiments.events(id)).map((event) => ExperimentEventView.of(event));
  }

  private async find(id: string): Promise<ExperimentRecord> {
    const record = await this.experiments.findById(id);
    if (!record) throw new DomainError(EXPERIMENTS_API_ERRORS.notFound, `No experiment ${id}`, { id });
    return record;
  }

  /** Writes the change guarded by the state it was computed from; a concurrent change or a taken key is a 409. */
  private async save(next: Experiment, from: Experiment['state'], event: NewExperimentEvent | null): Promise<void> {
    const outcome = await this.experiments.update(next, from, event);
    if (outcome === 'keyTaken') await this.requireKeyFree(next);
    if (outcome !== 'updated') {
      const now = await this.find(next.id);
      // Answers as if the request had come after the other change (e.g. "cannot pause a stopped experiment").
      if (event && isAction(event.action)) nextState(now.experiment.state, event.action);
      throw new DomainError(EXPERIMENTS_API_ERRORS.stateChanged, `experiment ${next.id} changed meanwhile and is ${now.experiment.state}`, {
        state: now.experiment.state,
      });
    }
  }

  private async requireKeyFree(experiment: Experiment): Promise<void> {
    const active = await this.experiments.findActive(experiment.processKey);
    if (active && active.experiment.id !== experiment.id) {
      throw new DomainError(
        EXPERIMENTS_API_ERRORS.alreadyRunning,
        `experiment ${active.experiment.id} is already ${active.experiment.state} on process '${experiment.processKey}'; stop or promote it first`,
        { processKey: experiment.processKey, experimentId: active.experiment.id, state: active.experiment.state },
      );
    }
  }

  /** The lib's problems plus the arms' versions: each must be a deployed version of the experiment's key. */
  private async requireValid(experiment: Experiment): Promise<void> {
    const problems: ExperimentProblem[] = [...validateExperiment(experiment), ...(await this.versionProblems(experiment))];
    if (problems.length > 0) {
      throw new DomainError(EXPERIMENT_ERRORS.invalid, `experiment has ${problems.length} problem(s): ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, {
        problems,
      });
    }
  }

  private async versionProblems(experiment: Experiment): Promise<ExperimentProblem[]> {
    const checks = experiment.arms.map(async (arm, i): Promise<ExperimentProblem | null> => {
      const field = `arms[${i}].processVersionId`;
      if (typeof arm.processVersionId !== 'string' || !arm.processVersionId) return null; // the lib names a missing one
      const version = UUID.test(arm.processVersionId) ? await this.versions.get(arm.processVersionId).catch(unlessNotFound) : null;
      if (!version) return { field, rule: 'known-version', message: `arm "${arm.id}": no process version ${arm.processVersionId}` };
      if (version.key !== experiment.processKey) {
        return { field, rule: 'same-process', message: `arm "${arm.id}": version ${arm.processVersionId} belongs to process '${version.key}', not '${experiment.processKey}'` };
      }
      return null;
    });
    return (await Promise.all(checks)).filter((problem): problem is ExperimentProblem => problem !== null);
  }

  /** The arrival rate since the start (all routed cases per day), for the plan's expected duration. */
  private traffic(record: ExperimentRecord, counts: Array<{ assigned: number }>): Traffic | undefined {
    const assigned = counts.reduce((sum, count) => sum + count.assigned, 0);
    if (!record.startedAt || assigned === 0) return undefined;
    const end = record.stoppedAt ?? this.clock.now();
    const days = Math.max((end.getTime() - record.startedAt.getTime()) / DAY_MS, 1 / 24);
    return { arrivalsPerDay: assigned / days, trafficShare: 1 };
  }

  private event(
    principal: Principal,
    action: string,
    fromState: Experiment['state'] | null,
    toState: Experiment['state'],
    reason: string | undefined,
    at: Date,
    details?: Record<string, unknown>,
  ): NewExperimentEvent {
    return { id: this.ids.next(), at, actor: principal.name, action, fromState, toState, reason: reason ?? null, details: details ?? null };
  }
}
