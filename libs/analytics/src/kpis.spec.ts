import { describe, expect, it } from '@jest/globals';
import { foldLedger } from './activity-run.js';
import { caseFigures } from './case-report.js';
import { caseOutcomes } from './case-outcomes.js';
import { DEFAULT_KPI_SETTINGS } from './kpi-settings.js';
import { kpis } from './kpis.js';
import type { ElementCatalog } from './ledger.js';
import { caseLedger, caseRecord } from './testing/ledger-builder.js';

/**
 * Five cases. T is the first-line task (L1, 30/h), X the second-line one (L2, 60/h).
 * k1 customer A, day 0 09:00-10:00: T ready 09:00, claimed+started 09:30, completed 10:00. csat 4, nps 10.
 * k2 customer B, day 0 09:00-15:00: T claimed 13:00, started 14:00, completed 14:30; X 14:30-15:00. csat 2, nps 6.
 * k3 customer A, day 3 09:00-11:00: T started 09:10, escalated 09:20, claimed+started 10:00, completed 11:00. nps 9.
 * k4 customer C, day 1 09:00, still running: T ready, never started.
 * k5 customer D, day 0 12:00-13:00: T started 12:15, completed 13:00. csat 5, nps 8.
 */
const ledger = [
  ...caseLedger('k1')
    .step('k1-t', 'T', 'ready', '09:00', { lane: 'L1' })
    .step('k1-t', 'T', 'claimed', '09:30', { lane: 'L1' })
    .step('k1-t', 'T', 'started', '09:30', { lane: 'L1' })
    .step('k1-t', 'T', 'completed', '10:00', { lane: 'L1' }).steps,
  ...caseLedger('k2')
    .step('k2-t', 'T', 'ready', '09:00', { lane: 'L1' })
    .step('k2-t', 'T', 'claimed', '13:00', { lane: 'L1' })
    .step('k2-t', 'T', 'started', '14:00', { lane: 'L1' })
    .step('k2-t', 'T', 'completed', '14:30', { lane: 'L1' })
    .step('k2-x', 'X', 'ready', '14:30', { lane: 'L2', previous: 'k2-t' })
    .step('k2-x', 'X', 'started', '14:30', { lane: 'L2' })
    .step('k2-x', 'X', 'completed', '15:00', { lane: 'L2' }).steps,
  ...caseLedger('k3')
    .step('k3-t', 'T', 'ready', '09:00', { lane: 'L1', day: 3 })
    .step('k3-t', 'T', 'started', '09:10', { lane: 'L1', day: 3 })
    .step('k3-t', 'T', 'escalated', '09:20', { lane: 'L1', day: 3, detail: { reasonCode: 'expert' } })
    .step('k3-t', 'T', 'claimed', '10:00', { lane: 'L1', day: 3 })
    .step('k3-t', 'T', 'started', '10:00', { lane: 'L1', day: 3 })
    .step('k3-t', 'T', 'completed', '11:00', { lane: 'L1', day: 3 }).steps,
  ...caseLedger('k4').step('k4-t', 'T', 'ready', '09:00', { lane: 'L1', day: 1 }).steps,
  ...caseLedger('k5')
    .step('k5-t', 'T', 'ready', '12:00', { lane: 'L1' })
    .step('k5-t', 'T', 'started', '12:15', { lane: 'L1' })
    .step('k5-t', 'T', 'completed', '13:00', { lane: 'L1' }).steps,
];

const cases = [
  caseRecord('k1', '09:00', '10:00', { businessKey: 'A', variables: { csat: 4, nps: 10 } }),
  caseRecord('k2', '09:00', '15:00', { businessKey: 'B', variables: { csat: 2, nps: 6 } }),
  caseRecord('k3', '09:00', '11:00', { businessKey: 'A', startDay: 3, variables: { nps: 9 } }),
  caseRecord('k4', '09:00', null, { businessKey: 'C', startDay: 1 }),
  caseRecord('k5', '12:00', '13:00', { businessKey: 'D', variables: { csat: 5, nps: 8 } }),
];

const catalog: ElementCatalog = new Map([
  ['T', { id: 'T', type: 'userTask', laneId: 'L1', candidateGroups: ['first-line'], costPerHour: 30 }],
  ['X', { id: 'X', type: 'userTask', laneId: 'L2', candidateGroups: ['second-line'], costPerHour: 60 }],
]);

describe('kpis', () => {
  it('computes the service KPIs of DESIGN.md section 5 with their sample sizes and definitions', () => {
    const runs = foldLedger(ledger);

    const sut = Object.fromEntries(kpis(cases, runs, caseFigures(cases, runs, catalog), catalog).map((kpi) => [kpi.key, kpi]));

    // FCR over the 4 completed cases: k1 has a repeat (k3, same customer, 3 days later), k2 went to L2, k3 escalated; only k5
    expect(sut.fcr).toMatchObject({ value: 0.25, numerator: 1, n: 4 });
    // first response: k1 30 min, k2 5 h (late), k3 10 min, k5 15 min; k4 never started -> 3 of 4 within 4 h
    expect(sut.slaFirstResponse).toMatchObject({ value: 0.75, numerator: 3, n: 4 });
    // resolution: lead times 1 h, 6 h (late), 2 h, 1 h -> 3 of 4
    expect(sut.slaResolution).toMatchObject({ value: 0.75, numerator: 3, n: 4 });
    // escalation: k3 of the 4 ended cases
    expect(sut.escalationRate).toMatchObject({ value: 0.25, numerator: 1, n: 4 });
    // repeat contact: k3 follows k1 (customer A) within 7 days; 5 cases have a customer key
    expect(sut.repeatContactRate).toMatchObject({ value: 0.2, numerator: 1, n: 5 });
    // cost: k1 T 30 min x 30/h = 15; k2 T 30 min = 15 + X 30 min x 60/h = 30 -> 45; k3 T 10 + 60 min = 35; k5 T 45 min = 22.5
    // mean 117.5 / 4 = 29.375; sorted 15, 22.5, 35, 45: median 28.75, p90 = 35 + 0.7 x 10 = 42
    expect(sut.costPerCase).toMatchObject({ value: 29.375, median: 28.75, n: 4 });
    expect(sut.costPerCase.p90).toBeCloseTo(42, 10);
    // CSAT 4, 2, 5 -> 11 / 3
    expect(sut.csat.value).toBeCloseTo(11 / 3, 10);
    expect(sut.csat.n).toBe(3);
    // NPS scores 10, 6, 9, 8: promoters 2, detractors 1 -> 100 x (2 - 1) / 4 = 25
    expect(sut.nps).toMatchObject({ value: 25, n: 4 });
    // lead time 1, 6, 2, 1 h -> 2.5; handling 30, 60, 70, 45 min -> 51.25
    expect(sut.meanLeadTime).toMatchObject({ value: 2.5, n: 4 });
    expect(sut.handlingTime).toMatchObject({ value: 51.25, n: 4 });
    for (const kpi of Object.values(sut)) expect(kpi.definition.length).toBeGreaterThan(20);
  });

  it('takes the customer from a variable and the SLAs from the settings', () => {
    const runs = foldLedger(ledger);
    const withVariable = cases.map((record) => ({ ...record, businessKey: null, variables: { ...record.variables, customer: record.instanceId === 'k3' ? 'B' : 'Z' } }));

    const sut = Object.fromEntries(
      kpis(withVariable, runs, caseFigures(withVariable, runs, catalog), catalog, {
        firstResponseSlaMs: 20 * 60_000,
        resolutionSlaMs: 8 * 3_600_000,
        repeatWindowMs: 7 * 86_400_000,
        customerVariable: 'customer',
        csatVariable: 'csat',
        npsVariable: 'nps',
        defaultCostPerHour: 0,
      }).map((kpi) => [kpi.key, kpi]),
    );

    // customer Z: k1 and k2 start day 0 09:00, k5 day 0 12:00, k4 day 1 09:00 -> k5 and k4 follow an earlier case; k3 (B) is alone
    expect(sut.repeatContactRate).toMatchObject({ numerator: 2, n: 5 });
    // within 20 min: k3 (10 min) and k5 (15 min)
    expect(sut.slaFirstResponse).toMatchObject({ numerator: 2, n: 4 });
    // within 8 h: all four
    expect(sut.slaResolution).toMatchObject({ numerator: 4, n: 4 });
  });
});

describe('caseOutcomes', () => {
  it('says case by case whether each rate KPI was met, and null where the KPI does not count the case', () => {
    const sut = new Map(caseOutcomes(cases, foldLedger(ledger), DEFAULT_KPI_SETTINGS).map((outcome) => [outcome.instanceId, outcome]));

    // k5: first tier, no escalation, no repeat, 15 min to respond, 1 h to resolve
    expect(sut.get('k5')).toMatchObject({ fcr: true, firstResponseMet: true, resolutionMet: true, escalated: false, repeatContact: false, rework: false });
    // k1: customer A came back 3 days later (k3), so not resolved at first contact; k3 is the repeat, and escalated
    expect(sut.get('k1')).toMatchObject({ fcr: false, repeatContact: false });
    expect(sut.get('k3')).toMatchObject({ fcr: false, escalated: true, repeatContact: true });
    // k2 answered after 5 h
    expect(sut.get('k2')).toMatchObject({ firstResponseMet: false, firstResponseMs: 5 * 3_600_000, resolutionMet: false });
    // k4 still runs and was never started: only the repeat-contact KPI counts it
    expect(sut.get('k4')).toEqual({
      instanceId: 'k4',
      fcr: null,
      firstResponseMet: null,
      resolutionMet: null,
      escalated: null,
      repeatContact: false,
      rework: null,
      firstResponseMs: null,
      resolutionMs: null,
    });
    // resolution is counted on the desk's time: k2 6 h (no designed wait or external system in these cases, so the lead time)
    expect(sut.get('k2')?.resolutionMs).toBe(6 * 3_600_000);
  });
});
