import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { INestApplication, LoggerService } from '@nestjs/common';
import type { CaseRecord, StepEvent } from '#analytics';
import { assignArm, type Experiment } from '#experiments';
import { ExperimentRepository, HistoryPartitionRepository, SimulatedHistoryRepository, type SimulatedAssignment } from '#persistence';
import { simulate, type SimulationResult } from '#simulation';
import { AnalyticsService } from '../analytics/analytics.service.js';
import type { Principal } from '../auth/principal.js';
import { DefinitionsService } from '../definitions/definitions.service.js';
import { ProcessVersionCache } from '../definitions/process-version-cache.js';
import type { ExperimentDto } from '../experiments/dto/experiment.dto.js';
import { ExperimentsService } from '../experiments/experiments.service.js';
import { InstancesService } from '../instances/instances.service.js';
import type { TaskQuery } from '../tasks/dto/task.query.js';
import { TasksService } from '../tasks/tasks.service.js';
import { DEMO_USERS } from '../users/demo-identity.js';
import { UsersService } from '../users/users.service.js';
import { asIsDemoParameters, DEMO_POOLS, toBeDemoParameters, type DemoWindow } from './demo-parameters.js';
import { DemoWorker } from './demo-worker.js';

const DAY_MS = 86_400_000;
export const DEMO_PROCESS_KEY = 'customer-service';

export interface DemoOptions {
  /** The directory holding customer-service/as-is.bpmn and to-be.bpmn. */
  processesDir: string;
  /** Days of as-is history ending now (the pilot's weeks included). */
  historyDays?: number;
  /** The last days of it in which the experiment routed the new cases. */
  pilotDays?: number;
  /** New cases per day, on average over a week. */
  perDay?: number;
  /** Live cases started in the tasklist (a third of them walked on to second line, one to the experts). */
  liveCases?: number;
  seed?: number;
  now?: Date;
}

/** What the demo database holds: the experiment to look at and what was written (nothing when it was there already). */
export interface DemoOutcome {
  experimentId: string;
  seeded: boolean;
  historyCases: number;
  pilotCases: number;
  liveCases: number;
  steps: number;
}

/** The seeding's own actor: an administrator that is no person. */
const SEEDER: Principal = { kind: 'user', id: 'demo', name: 'demo', displayName: 'Demo seeding', roles: ['admin'], groups: [] };

/**
 * `npm run demo` (issue 8.4): the reference as-is and to-be processes with simulated history
 * (libs/simulation, through the engine's own semantics), written as ended cases marked
 * `simulated`: months of the as-is process, then a pilot in which a running dual-track
 * experiment routed each new case to the as-is baseline or the to-be candidate with its own
 * `assignArm`, and a few live cases waiting in the tasklist. Seeds once: a database that holds
 * simulated cases is left as it is.
 *
 * In the pilot each version runs on a whole arrival stream of its own (both see the desk's full
 * load, as they would sharing its agents) and keeps the cases the experiment routes to it: every
 * arrival goes through `assignArm`, so the arms' shares are the plan's.
 */
export class DemoSeeder {
  constructor(
    private readonly app: INestApplication,
    private readonly logger: LoggerService,
  ) {}

  async seed(options: DemoOptions): Promise<DemoOutcome> {
    const history = this.app.get(SimulatedHistoryRepository, { strict: false });
    const experiments = this.app.get(ExperimentRepository, { strict: false });
    const [asIs, toBe] = await this.deployReference(options.processesDir);
    if (await history.any()) {
      const active = await experiments.findActive(DEMO_PROCESS_KEY);
      this.logger.log('The demo data is there already (simulated cases found): nothing seeded');
      return { experimentId: active?.experiment.id ?? '', seeded: false, historyCases: 0, pilotCases: 0, liveCases: 0, steps: 0 };
    }
    const now = options.now ?? new Date();
    const historyDays = options.historyDays ?? 90;
    const pilotDays = Math.min(options.pilotDays ?? 21, historyDays - 1);
    // About 7 new requests per first-line agent and day: the as-is first line runs at some 85 % of its hours.
    const perDay = options.perDay ?? 22;
    const seed = options.seed ?? 20261123;
    // Arrivals stop `drainDays` before now (a case takes three days of waiting for the survey at
    // least) so nearly every case has ended by now; the few still open are left out.
    const drainDays = 5;
    const start = new Date(now.getTime() - (historyDays + drainDays) * DAY_MS);
    const pilotStart = new Date(now.getTime() - (pilotDays + drainDays) * DAY_MS);

    const began = Date.now();
    // Fresh uuids: the two runs' ids must not meet each other nor anything stored.
    const ids = { next: () => randomUUID() };
    const asIsWindow: DemoWindow = { seed, start, days: historyDays, drainDays, perDay };
    const toBeWindow: DemoWindow = { seed: seed + 1, start: pilotStart, days: pilotDays, drainDays, perDay };
    const asIsRun = simulate({ graph: (await this.versions().get(asIs)).graph, processVersionId: asIs, parameters: asIsDemoParameters(asIsWindow), ids });
    const toBeRun = simulate({ graph: (await this.versions().get(toBe)).graph, processVersionId: toBe, parameters: toBeDemoParameters(toBeWindow), ids });
    this.logger.log(`Simulated ${historyDays} days of the as-is process and ${pilotDays} of the to-be in ${((Date.now() - began) / 1000).toFixed(1)} s`);

    const experiment = await this.startExperiment(asIs, toBe, seed);
    const { cases, steps, assignments } = pilotHistory(experiment, asIsRun, toBeRun, pilotStart.getTime(), now.getTime());

    await this.ensureSimulatedAgents();
    await this.app.get(HistoryPartitionRepository, { strict: false }).ensureAhead(start, monthsBetween(start, now) + 2);
    await history.import({ processKey: DEMO_PROCESS_KEY, cases, steps, assignments });
    await history.backdateExperimentStart(experiment.id, pilotStart);
    await this.app.get(AnalyticsService, { strict: false }).drain();

    this.logger.log(`Wrote ${cases.length} simulated cases (${steps.length} steps) in ${((Date.now() - began) / 1000).toFixed(1)} s since the simulation began`);
    const liveCases = await this.startLiveCases(options.liveCases ?? 6);
    return { experimentId: experiment.id, seeded: true, historyCases: cases.length - assignments.length, pilotCases: assignments.length, liveCases, steps: steps.length };
  }

  /**
   * The simulated agents as users of their teams, disabled (nobody signs in as them): the
   * utilisation report divides a team's work by its members.
   */
  private async ensureSimulatedAgents(): Promise<void> {
    const users = this.app.get(UsersService, { strict: false });
    for (const pool of DEMO_POOLS) {
      for (const username of pool.agents ?? []) {
        if (DEMO_USERS.some((user) => user.username === username)) continue;
        try {
          const { id } = await users.create({ username, password: randomUUID(), displayName: `${username} (simulated, demo)`, roles: ['agent'], groups: [pool.id] });
          await users.update(id, { disabled: true });
        } catch (error) {
          this.logger.warn(`Simulated agent ${username} not stored as a user: ${String(error)}`);
        }
      }
    }
  }

  private versions(): ProcessVersionCache {
    return this.app.get(ProcessVersionCache, { strict: false });
  }

  /** The as-is and to-be versions (identical XML finds the versions deployed at start). */
  private async deployReference(processesDir: string): Promise<[asIs: string, toBe: string]> {
    const definitions = this.app.get(DefinitionsService, { strict: false });
    const versionOf = async (file: string): Promise<string> => {
      const xml = await readFile(join(processesDir, DEMO_PROCESS_KEY, file), 'utf8');
      const { processVersions } = await definitions.deploy([{ name: file, xml }], SEEDER.name);
      return processVersions[0].id;
    };
    return [await versionOf('as-is.bpmn'), await versionOf('to-be.bpmn')];
  }

  /** As-is baseline against to-be candidate, half the cases each, judged on waiting time with an SLA guardrail. */
  private async startExperiment(asIs: string, toBe: string, seed: number): Promise<Experiment> {
    const service = this.app.get(ExperimentsService, { strict: false });
    const active = await this.app.get(ExperimentRepository, { strict: false }).findActive(DEMO_PROCESS_KEY);
    if (active) return active.experiment;
    const definition: ExperimentDto = {
      processKey: DEMO_PROCESS_KEY,
      seed,
      arms: [
        { id: 'as-is', role: 'baseline', processVersionId: asIs, weight: 1 },
        { id: 'to-be', role: 'candidate', processVersionId: toBe, weight: 1 },
      ],
      unit: { kind: 'instance' },
      guardrails: [{ id: 'first-response-sla', metric: 'slaAttainment', maxWorsening: 0.05 }],
      // Waiting, not lead time: both versions wait three days for the survey, which would hide the redesign.
      primaryMetric: 'waitingTime',
      secondaryMetrics: ['leadTime', 'fcr', 'escalationRate', 'slaAttainment'],
      // 30 % less (or more) waiting: some 125 cases per arm; three weeks of pilot bring about 200.
      plan: { alpha: 0.05, power: 0.8, mde: 0.3, logSd: 1 },
    };
    const { id } = await service.create(definition, SEEDER);
    await service.act(id, 'start', SEEDER, { reason: 'Demo pilot (simulated cases)' });
    return (await this.app.get(ExperimentRepository, { strict: false }).findById(id))!.experiment;
  }

  /**
   * Live cases through the engine (routed by the running experiment like any new case), waiting
   * in the tasklist: most at the first line (ana), some walked on to the second line (ben) and
   * one to the experts (eva) by completing the tasks before as the demo users would.
   */
  private async startLiveCases(count: number): Promise<number> {
    const instances = this.app.get(InstancesService, { strict: false });
    const categories = ['inquiry', 'transactional', 'complaint'];
    for (let i = 0; i < count; i += 1) {
      const { id } = await instances.start(DEMO_PROCESS_KEY, {
        businessKey: `demo-customer-${i + 1}`,
        variables: { category: categories[i % categories.length], channel: i % 2 === 0 ? 'phone' : 'email', customerTier: i === 0 ? 'gold' : 'standard', amount: 0 },
      });
      const target = i === 1 ? 'experts' : i % 3 === 2 ? 'second-line' : 'first-line';
      await this.walkTo(id, target).catch((error: unknown) => this.logger.warn(`Live case ${id} stays where it is: ${String(error)}`));
    }
    return count;
  }

  /** Completes the case's open tasks as their group's demo user, choosing escalation, until a task of the target group waits. */
  private async walkTo(instanceId: string, group: string): Promise<void> {
    const tasks = this.app.get(TasksService, { strict: false });
    const admin = principalOf('admin');
    const worker = new DemoWorker(this.app);
    for (let hop = 0; hop < 12; hop += 1) {
      await worker.drain();
      const { items } = await tasks.list({ view: 'all', instanceId, status: 'open' } as TaskQuery, admin);
      const task = items[0];
      if (!task || task.candidateGroups.includes(group)) return;
      const user = DEMO_USERS.find(({ groups }) => groups.some((g) => task.candidateGroups.includes(g)));
      if (!user) return;
      const agent = principalOf(user.username);
      await tasks.claim(task.id, true, agent);
      await tasks.complete(task.id, { variables: answersFor(task.elementId, group) }, agent);
    }
  }
}

/** What the demo users fill in on the way (each form takes its own fields only): escalate, and call the experts when they are the target. */
const answersFor = (elementId: string, group: string): Record<string, unknown> => {
  if (elementId === 'Task_FirstLineDiagnosis') return { resolvedByFirstLine: false, escalationReason: 'Needs a specialist' };
  if (elementId === 'Task_SecondLineDiagnosis') return { needsExpert: group === 'experts', diagnosisNote: 'Demo case' };
  return {};
};

const principalOf = (username: string): Principal => {
  const user = DEMO_USERS.find((candidate) => candidate.username === username)!;
  return { kind: 'user', id: username, name: username, displayName: user.displayName, roles: user.roles, groups: user.groups };
};

const monthsBetween = (from: Date, to: Date): number => (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + to.getUTCMonth() - from.getUTCMonth();

/**
 * The history to write: the as-is run's cases that started before the pilot, then the pilot's
 * arrivals of both runs, each kept by the run of the arm `assignArm` routes it to (its own id is
 * the hashed unit). Only cases that ended by `now` are kept.
 */
export function pilotHistory(
  experiment: Experiment,
  asIsRun: SimulationResult,
  toBeRun: SimulationResult,
  pilotStart: number,
  now: number,
): { cases: CaseRecord[]; steps: StepEvent[]; assignments: SimulatedAssignment[] } {
  const stepsOf = groupSteps(asIsRun.steps, toBeRun.steps);
  const running = { ...experiment, state: 'running' as const };
  const cases: CaseRecord[] = [];
  const assignments: SimulatedAssignment[] = [];
  const ended = (record: CaseRecord) => record.endedAt !== null && record.endedAt <= now;
  for (const record of asIsRun.cases) if (record.startedAt < pilotStart && ended(record)) cases.push(record);
  for (const record of [...asIsRun.cases, ...toBeRun.cases]) {
    if (record.startedAt < pilotStart) continue;
    const assignment = assignArm(running, { instanceKey: record.instanceId, variables: record.variables, at: record.startedAt });
    if (assignment.processVersionId !== record.processVersionId || !ended(record)) continue;
    cases.push(record);
    assignments.push({
      instanceId: record.instanceId,
      experimentId: experiment.id,
      armId: assignment.armId,
      processVersionId: assignment.processVersionId,
      reason: assignment.reason,
      unitKey: assignment.unitKey,
      ...(assignment.hash !== undefined && { hash: assignment.hash }),
      ...(assignment.rampStep !== undefined && { rampStep: assignment.rampStep }),
      ...(assignment.candidateShare !== undefined && { candidateShare: assignment.candidateShare }),
    });
  }
  return { cases, steps: cases.flatMap(({ instanceId }) => stepsOf.get(instanceId) ?? []), assignments };
}

const groupSteps = (...ledgers: ReadonlyArray<readonly StepEvent[]>): Map<string, StepEvent[]> => {
  const byCase = new Map<string, StepEvent[]>();
  for (const ledger of ledgers) {
    for (const step of ledger) {
      const list = byCase.get(step.instanceId);
      if (list) list.push(step);
      else byCase.set(step.instanceId, [step]);
    }
  }
  return byCase;
};
