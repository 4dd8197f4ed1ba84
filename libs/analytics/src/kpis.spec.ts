import { describe, expect, it } from '@jest/globals';
import { foldLedger } from './activity-run.js';
import { caseFigures } from './case-report.js';
import { caseOutcomes } from './case-outcomes.js';
import { DEFAULT_KPI_SETTINGS } from './kpi-settings.js';
import { kpis } from './kpis.js';
import { cases, catalog, ledger } from './testing/kpi-cases.js';

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
