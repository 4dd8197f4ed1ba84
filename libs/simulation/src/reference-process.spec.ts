import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { caseFigures, elementCatalog, foldLedger, type StepEvent } from '#analytics';
import type { ProcessGraph } from '#bpmn';
import { DAY_MS, onDuty } from './calendar.js';
import { SERVICE_DESK_VARIABLES } from './parameters.js';
import { simulate, type SimulationResult } from './simulate.js';
import { compileModel, referenceProcessUrl } from './testing/models.js';
import { asIsParameters, SERVICE_DESK_POOLS } from './testing/service-desk.js';

/** The steps of each activity instance, in ledger order. */
const byActivity = (steps: readonly StepEvent[]): Map<string, StepEvent[]> => {
  const runs = new Map<string, StepEvent[]>();
  for (const step of steps) runs.set(step.activityInstanceId, [...(runs.get(step.activityInstanceId) ?? []), step]);
  return runs;
};

/** The life of one activity instance as the ledger contract has it: ready first, one end last, work only while held. */
function lifecycleProblems(steps: readonly StepEvent[]): string[] {
  const problems: string[] = [];
  const [first] = steps;
  const last = steps[steps.length - 1];
  const where = `${first.elementId} ${first.activityInstanceId}`;
  if (first.type !== 'ready') problems.push(`${where} starts with ${first.type}`);
  if (last.type !== 'completed' && last.type !== 'canceled') problems.push(`${where} ends with ${last.type}`);
  let held = false;
  let working = false;
  steps.forEach((step, i) => {
    if (i > 0 && step.at < steps[i - 1].at) problems.push(`${where}: ${step.type} before the step it follows`);
    if (step.type === 'claimed') held = true;
    if (step.type === 'unclaimed') held = working = false;
    if (step.type === 'started') {
      if (first.elementType === 'userTask' && !held) problems.push(`${where} started unclaimed`);
      working = true;
    }
    if (step.type === 'completed' && first.elementType === 'userTask' && !working) problems.push(`${where} completed without being started`);
  });
  return problems;
}

/** Each model's run, shared by the tests that read it. */
const results = new Map<string, SimulationResult>();

describe.each([
  ['as-is.bpmn', asIsParameters(7, 3)],
  [
    'to-be.bpmn',
    {
      ...asIsParameters(7, 3),
      variables: { ...SERVICE_DESK_VARIABLES, amount: { kind: 'number', distribution: { kind: 'logNormal', mean: 1500, sd: 2500 } } },
      durations: { Task_SyncRequestToCrm: { kind: 'fixed', value: 0.5 }, Task_SyncOutcomeToCrm: { kind: 'fixed', value: 0.5 } },
      branches: {
        Gateway_FirstLineOutcome: { Flow_Resolved: 0.8, Flow_EscalateWithReason: 0.15, Flow_NoReasonGiven: 0.05 },
        Gateway_NeedsExpert: { Flow_NeedsExpert: 0.3, Flow_NoExpert: 0.7 },
      },
      escalations: {},
    },
  ],
] as const)('the reference %s process simulated for a week', (file, parameters) => {
  let graph: ProcessGraph;
  let result: SimulationResult;
  beforeAll(async () => {
    graph = await compileModel(readFileSync(referenceProcessUrl(file), 'utf8'));
    result = simulate({ graph, processVersionId: file, parameters });
    results.set(file, result);
  });

  it('runs every case to its end', () => {
    expect(result.cases.length).toBeGreaterThan(150);
    expect(result.cases.filter(({ status }) => status !== 'completed')).toEqual([]);
    expect(result.summary.casesCompleted).toBe(result.summary.casesStarted);
    const closed = result.steps.filter((step) => step.elementId === 'End_CaseClosed' && step.type === 'completed');
    expect(closed).toHaveLength(result.cases.length);
  });

  it('writes the ledger in time order, each activity instance through its life in order', () => {
    expect(result.steps.every((step, i) => i === 0 || step.at >= result.steps[i - 1].at)).toBe(true);
    const problems = [...byActivity(result.steps).values()].flatMap(lifecycleProblems);
    expect(problems).toEqual([]);
  });

  it('has user tasks worked by the agents of the pool that serves them, in their lane', () => {
    const completedTasks = result.steps.filter((step) => step.elementType === 'userTask' && step.type === 'completed');
    expect(completedTasks.length).toBeGreaterThan(result.cases.length * 3);
    const escalated = new Set(result.steps.filter(({ type }) => type === 'escalated').map(({ activityInstanceId }) => activityInstanceId));
    const misplaced = completedTasks.filter((step) => {
      const node = graph.nodes[step.elementId];
      if (node.type !== 'userTask' || step.laneId !== node.laneId || !/^(first-line|second-line|experts)-\d+$/.test(step.actor ?? '')) return true;
      // An escalated task is finished by a later tier (see below); any other by its own group.
      return !escalated.has(step.activityInstanceId) && !step.actor!.startsWith(`${node.candidateGroups[0]}-`);
    });
    expect(misplaced).toEqual([]);
  });

  it('starts work only while the pool is on duty, gold customers first in the first line', () => {
    const office = SERVICE_DESK_POOLS[0].hours!;
    const starts = result.steps.filter(({ elementType, type }) => elementType === 'userTask' && type === 'started');
    expect(starts.filter(({ at }) => !onDuty(office, at))).toEqual([]);
    // The first line takes the highest priority first (the engine's default rule puts gold customers on top).
    const tier = new Map(result.cases.map(({ instanceId, variables }) => [instanceId, variables.customerTier]));
    const firstLine = foldLedger(result.steps).filter(({ elementId }) => elementId === 'Task_FirstLineDiagnosis');
    const meanQueue = (wanted: string) => {
      const runs = firstLine.filter(({ instanceId }) => tier.get(instanceId) === wanted);
      return runs.reduce((sum, run) => sum + run.queueMs, 0) / runs.length;
    };
    expect(meanQueue('gold')).toBeLessThan(meanQueue('standard'));
  });

  it('fires the engine timers in virtual time: the follow-up waits exactly three days', () => {
    const waits = [...byActivity(result.steps.filter(({ elementId }) => elementId === 'Timer_Wait3Days')).values()];
    expect(waits).toHaveLength(result.cases.length);
    expect(waits.every((steps) => steps[steps.length - 1].at - steps[0].at === 3 * DAY_MS)).toBe(true);
    // Cases arriving outside office hours miss the 4 h first-line SLA: the boundary timer takes them on.
    expect(result.steps.some(({ elementId, type }) => elementId === 'Boundary_SlaEscalation' && type === 'completed')).toBe(true);
  });

  it('feeds libs/analytics unchanged', () => {
    const runs = foldLedger(result.steps);
    const figures = caseFigures(result.cases, runs, elementCatalog([graph]));
    expect(figures).toHaveLength(result.cases.length);
    for (const figure of figures) {
      const parts = Object.values(figure.decomposition).reduce((sum, part) => sum + part, 0);
      expect(parts).toBe(figure.leadTimeMs);
    }
    expect(result.summary.waitingShare).toBeGreaterThan(0);
    expect(result.summary.waitingShare).toBeLessThan(1);
  });

  it('sums up the run per pool', () => {
    const pools = result.summary.pools;
    expect(pools.map(({ poolId }) => poolId)).toEqual(SERVICE_DESK_POOLS.map(({ id }) => id));
    for (const pool of pools) {
      expect(pool.utilization).toBeGreaterThan(0);
      expect(pool.maxQueueLength).toBeGreaterThanOrEqual(pool.meanQueueLength!);
    }
    expect(result.summary.leadTimeMinutes.median).toBeGreaterThan(3 * 24 * 60);
  });
});

describe('escalations in the as-is process', () => {
  it('hand a share of first-line diagnoses to the next tier through the engine escalateTask', () => {
    // given 10 % of first-line diagnoses escalated (asIsParameters), when the week above ran
    const { steps } = results.get('as-is.bpmn')!;

    // then
    const escalated = steps.filter(({ type }) => type === 'escalated');
    const diagnoses = steps.filter(({ elementId, type }) => elementId === 'Task_FirstLineDiagnosis' && type === 'started');
    expect(escalated.length).toBeGreaterThan(diagnoses.length * 0.05);
    expect(escalated.length).toBeLessThan(diagnoses.length * 0.2);
    const runs = byActivity(steps);
    for (const step of escalated) {
      expect(step.detail).toMatchObject({ reasonCode: 'simulated' });
      const after = runs.get(step.activityInstanceId)!.filter(({ at, type }) => at >= step.at && type === 'completed');
      // Re-queued at the next tier, finished there or further up (unless the SLA timer canceled it first).
      if (after.length > 0) expect(after[0].actor).toMatch(/^(second-line|experts)-/);
    }
  });
});
