import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  activityReport,
  bottlenecks,
  caseFigures,
  caseOutcomes,
  DEFAULT_KPI_SETTINGS,
  designedWaits,
  elementCatalog,
  foldLedger,
  valueAddedSummary,
  type ActivityRow,
  type Bottleneck,
  type DesignedWait,
  type ValueAddedSummary,
} from '#analytics';
import { loadBpmn } from '#bpmn';
import { simulate } from '#simulation';
import { asIsDemoParameters } from './demo-parameters.js';

const DAY_S = 86_400;

/**
 * What an analyst sees first on `npm run demo`'s as-is history, read with the demo's own
 * parameters over four weeks: the designed 3-day wait before the satisfaction call is counted
 * apart from the desk's waiting, so it is no bottleneck and does not make the waiting share and
 * PCE (shares of the desk's time).
 */
describe("the demo's as-is history in the insights", () => {
  let rows: ActivityRow[];
  let ranked: Bottleneck[];
  let apart: DesignedWait[];
  let valueAdded: ValueAddedSummary;
  let resolution: { met: number; of: number };

  beforeAll(async () => {
    const [graph] = (await loadBpmn(await readFile(join(process.cwd(), 'processes/customer-service/as-is.bpmn'), 'utf8'))).processes;
    const result = simulate({
      graph,
      processVersionId: 'as-is',
      parameters: asIsDemoParameters({ seed: 20261123, start: new Date('2026-01-05T00:00:00Z'), days: 28, drainDays: 6, perDay: 22 }),
    });
    const catalog = elementCatalog([graph]);
    const ended = result.cases.filter(({ endedAt }) => endedAt !== null);
    const runs = foldLedger(result.steps, catalog);
    rows = activityReport(runs, catalog);
    ranked = bottlenecks(rows);
    apart = designedWaits(rows);
    valueAdded = valueAddedSummary(caseFigures(ended, runs, catalog));
    const outcomes = caseOutcomes(ended, runs, DEFAULT_KPI_SETTINGS).filter(({ resolutionMet }) => resolutionMet !== null);
    resolution = { met: outcomes.filter(({ resolutionMet }) => resolutionMet).length, of: outcomes.length };
  }, 60_000);

  it('lists the 3-day wait apart as a designed wait, and never among the bottlenecks', () => {
    expect(ranked.map(({ elementId }) => elementId)).not.toContain('Timer_Wait3Days');
    expect(ranked.length).toBeGreaterThanOrEqual(5);
    expect(apart.map(({ elementId }) => elementId)).toEqual(['Timer_Wait3Days']);
    expect(apart[0].meanDesignedWait! / DAY_S).toBeCloseTo(3, 6);
    const timer = rows.find(({ elementId }) => elementId === 'Timer_Wait3Days')!;
    expect([timer.timeClass, timer.waiting.total]).toEqual(['designedWait', 0]);
  });

  it("gives the waiting share and PCE of the desk's time, the designed wait's share beside them", () => {
    // the timer is most of an as-is lead time, none of the desk's time
    expect(valueAdded.designedWaitShare.mean!).toBeGreaterThan(0.5);
    expect(valueAdded.waitingShare.mean!).toBeLessThan(0.99);
    expect(valueAdded.pce.mean!).toBeGreaterThan(valueAdded.pceOfLeadTime.mean!);
  });

  it("counts the resolution SLA on the desk's time, so it is no longer 0 % by construction", () => {
    expect(resolution.of).toBeGreaterThan(100);
    expect(resolution.met).toBeGreaterThan(0);
  });
});
