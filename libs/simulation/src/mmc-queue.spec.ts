import { describe, expect, it } from '@jest/globals';
import type { ProcessGraph } from '#bpmn';
import { simulate } from './simulate.js';
import type { SimulationParameters } from './parameters.js';
import { compileModel, SINGLE_TASK } from './testing/models.js';

/**
 * The textbook check: one user task, Poisson arrivals (rate lambda), exponential service (rate
 * mu), one pool of c agents around the clock, first come first served: an M/M/c queue, whose mean
 * wait in queue is Erlang C: Wq = C(c, a) / (c mu - lambda), a = lambda / mu.
 */
function erlangC(c: number, a: number): number {
  let term = 1;
  let sum = 0;
  for (let k = 0; k < c; k += 1) {
    sum += term;
    term *= a / (k + 1);
  }
  const last = term / (1 - a / c); // a^c / c! / (1 - rho)
  return last / (sum + last);
}
const erlangWaitMinutes = (c: number, lambdaPerMinute: number, muPerMinute: number) => erlangC(c, lambdaPerMinute / muPerMinute) / (c * muPerMinute - lambdaPerMinute);

const MEAN_SERVICE_MINUTES = 10;
const parameters = (agents: number, lambdaPerMinute: number, days: number): SimulationParameters => ({
  seed: 20261123,
  start: '2026-01-05T00:00:00Z',
  horizon: { days, warmUpDays: 1, drainDays: 1 },
  arrivals: { perDay: lambdaPerMinute * 1440 },
  pools: [{ id: 'agents', size: agents }],
  durations: { Work: { kind: 'exponential', mean: MEAN_SERVICE_MINUTES } },
});

/** Mean queue time (ready -> claimed) of the tasks that became ready in the measured window, from the ledger itself. */
function ledgerWaitMinutes(steps: ReturnType<typeof simulate>['steps'], from: number, to: number): number {
  const readyAt = new Map<string, number>();
  let total = 0;
  let count = 0;
  for (const step of steps) {
    if (step.elementId !== 'Work') continue;
    if (step.type === 'ready') readyAt.set(step.activityInstanceId, step.at);
    const ready = readyAt.get(step.activityInstanceId);
    if (step.type === 'claimed' && ready !== undefined && ready >= from && ready < to) {
      total += step.at - ready;
      count += 1;
    }
  }
  return total / count / 60_000;
}

describe('an M/M/c queue simulated through the engine', () => {
  let graph: ProcessGraph;
  beforeAll(async () => {
    graph = await compileModel(SINGLE_TASK);
  });

  it('waits as long as Erlang C predicts, within 10 %', () => {
    // given c = 2 agents, lambda = 0.1 per minute, mu = 0.1 per minute (rho = 0.5): Wq = 10/3 minutes.
    // About 16,000 cases: the estimate's standard error at this length is about 5 % (by replication), so 10 % is two of them.
    const c = 2;
    const lambda = 0.1;
    const theory = erlangWaitMinutes(c, lambda, 1 / MEAN_SERVICE_MINUTES);
    expect(theory).toBeCloseTo(10 / 3, 10);

    // when
    const { steps, summary } = simulate({ graph, processVersionId: 'mmc', parameters: parameters(c, lambda, 112) });

    // then
    const [pool] = summary.pools;
    const from = Date.parse(summary.window.from);
    const to = Date.parse(summary.window.to);
    const simulated = ledgerWaitMinutes(steps, from, to);
    expect(summary.casesStarted).toBeGreaterThan(15_000);
    expect(Math.abs(simulated - theory) / theory).toBeLessThan(0.1);
    // The pool's own bookkeeping agrees with the ledger, and with rho and Little's law (Lq = lambda Wq).
    expect(pool.meanWaitMinutes).toBeCloseTo(simulated, 6);
    expect(Math.abs(pool.utilization! - 0.5)).toBeLessThan(0.02);
    expect(Math.abs(pool.meanQueueLength! - lambda * theory) / (lambda * theory)).toBeLessThan(0.1);
  });

  it('waits far longer with one agent fewer: the rise is not proportional to the capacity lost', () => {
    // given lambda = 0.12 per minute (a = 1.2): Erlang C gives 0.78 min with 3 agents and 5.6 min with 2
    const lambda = 0.12;
    const run = (agents: number) => simulate({ graph, processVersionId: 'mmc', parameters: parameters(agents, lambda, 21) }).summary.pools[0].meanWaitMinutes!;

    // when the same arrivals and service times (same seed) meet 3 agents, then 2
    const three = run(3);
    const two = run(2);

    // then a third less capacity multiplies the wait (theory: 7.2 x), far beyond the 1.5 x of proportional scaling
    expect(two / three).toBeGreaterThan(4);
    expect(two - three).toBeGreaterThan(3);
    expect(erlangWaitMinutes(2, lambda, 0.1) / erlangWaitMinutes(3, lambda, 0.1)).toBeCloseTo(7.17, 2);
  });
});
