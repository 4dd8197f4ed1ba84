import { describe, expect, it } from '@jest/globals';
import { foldLedger } from './activity-run.js';
import { addCaseToAggregate, emptyCaseAggregate, leadTimeSummaryFromAggregate, mergeCaseAggregate, valueAddedSummaryFromAggregate } from './case-aggregate.js';
import { caseFigures, COMPONENTS, leadTimeSummary, VALUE_ADDED_FIGURES, valueAddedSummary } from './case-report.js';
import { HISTOGRAM_RELATIVE_ERROR } from './histogram.js';
import { CATALOG, TWO_CASES, c1, c2 } from './testing/two-cases.js';

describe('case aggregates', () => {
  it('summarize lead times and the value-added view as the exact summaries do: means exact, quantiles within the bound', () => {
    // given the two cases folded into two aggregates (one each, as two days would be) and merged
    const [first, second] = caseFigures(TWO_CASES, foldLedger([...c1, ...c2]), CATALOG);
    const day1 = emptyCaseAggregate();
    const day2 = emptyCaseAggregate();
    addCaseToAggregate(day1, first);
    addCaseToAggregate(day2, second);

    const sut = mergeCaseAggregate(day1, day2);

    const exact = leadTimeSummary([first, second]);
    const lead = leadTimeSummaryFromAggregate(sut);
    // lead times 12600 s and 7800 s: mean 10200 exactly; the median stands for the order statistic at rank round(0.5) = 1, 12600 s
    expect(lead).toMatchObject({ cases: 2, leadTime: { n: 2, mean: 10200, total: 20400 }, deskTime: { n: 2, mean: 10200, total: 20400 } });
    expect(Math.abs(lead.leadTime.median! - 12600) / 12600).toBeLessThanOrEqual(HISTOGRAM_RELATIVE_ERROR);
    for (const component of COMPONENTS) {
      expect(lead.components[component].total).toBeCloseTo(exact.components[component].total, 9);
      expect(lead.shares[component]).toBeCloseTo(exact.shares[component]!, 9);
    }
    const valueAdded = valueAddedSummaryFromAggregate(sut);
    const exactValueAdded = valueAddedSummary([first, second]);
    for (const figure of VALUE_ADDED_FIGURES) {
      expect(valueAdded[figure].n).toBe(exactValueAdded[figure].n);
      expect(valueAdded[figure].mean).toBeCloseTo(exactValueAdded[figure].mean!, 9);
    }
    // NVA steps 1 and 2: p90 stands for rank round(0.9) = 1, two steps, within 4.4 %
    expect(Math.abs(valueAdded.nvaSteps.p90! - 2) / 2).toBeLessThanOrEqual(HISTOGRAM_RELATIVE_ERROR);
  });
});
