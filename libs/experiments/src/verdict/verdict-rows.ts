/**
 * A verdict report as flat rows (section, name, value) for the CSV download; the app only
 * stringifies them. Numbers keep full precision so the CSV reproduces the JSON.
 */
import type { ExperimentAnalysis } from '../analysis/analyze-experiment.js';
import { isMetricKey, METRICS } from '../model/metrics.js';
import type { VerdictReport } from './decide-verdict.js';

export const VERDICT_ROW_HEADER = ['section', 'name', 'value'] as const;

export function verdictRows(report: VerdictReport): string[][] {
  const rows: string[][] = [
    ['verdict', 'verdict', report.verdict],
    ['reproduce', 'dataHash', report.dataHash],
    ['reproduce', 'seed', String(report.seed)],
  ];
  report.reasons.forEach((reason, i) => {
    rows.push([`reason ${i + 1}`, 'code', reason.code], [`reason ${i + 1}`, 'message', reason.message]);
    for (const [name, value] of Object.entries(reason.numbers)) rows.push([`reason ${i + 1}`, name, String(value)]);
  });
  if (report.estimate) {
    rows.push(['estimate', 'difference', String(report.estimate.difference)], ['estimate', 'pValue', String(report.estimate.pValue)]);
    if (report.estimate.interval) {
      rows.push(['estimate', 'intervalLower', String(report.estimate.interval[0])], ['estimate', 'intervalUpper', String(report.estimate.interval[1])]);
    }
  }
  rows.push(
    ['sampleRatio', 'chiSquare', String(report.sampleRatio.chiSquare)],
    ['sampleRatio', 'pValue', String(report.sampleRatio.pValue)],
    ['sequential', 'alphaSpent', String(report.sequential.alphaSpent)],
    ['sequential', 'planReached', String(report.sequential.planReached)],
  );
  report.sequential.boundaries.forEach((boundary, k) => rows.push(['sequential', `boundary ${k + 1}`, String(boundary)]));
  return rows;
}

/**
 * The whole analysis as rows: what it covers and how to reproduce it, then per candidate its
 * verdict (as `verdictRows`), every metric's figures and its guardrails.
 */
export function analysisRows(analysis: ExperimentAnalysis): string[][] {
  const rows: string[][] = [
    ['experiment', 'id', analysis.experimentId],
    ['experiment', 'processKey', analysis.processKey],
    ['experiment', 'analysisVersion', String(analysis.analysisVersion)],
    ['experiment', 'at', analysis.at],
    ['experiment', 'verdict', analysis.verdict],
    ['reproduce', 'dataHash', analysis.dataHash],
    ['reproduce', 'seed', String(analysis.seed)],
    ['plan', 'perArm', String(analysis.plan.perArm)],
    ['plan', 'casesSoFar', String(analysis.plan.casesSoFar)],
  ];
  for (const arm of analysis.arms) {
    rows.push(
      [`arm ${arm.armId}`, 'role', arm.role],
      [`arm ${arm.armId}`, 'assigned', String(arm.assigned)],
      [`arm ${arm.armId}`, 'running', String(arm.running)],
      [`arm ${arm.armId}`, 'finished', String(arm.finished)],
    );
  }
  for (const candidate of analysis.candidates) {
    const prefix = `candidate ${candidate.armId}`;
    for (const [section, name, value] of verdictRows(candidate.verdict)) rows.push([`${prefix} ${section}`, name, value]);
    for (const metric of candidate.metrics) {
      const section = `${prefix} metric ${metric.metric}`;
      // The unit rides on the name: durations in milliseconds (medians, Hodges-Lehmann shift), rates as shares 0..1.
      const isRate = 'rate' in metric.baseline;
      const unit = isRate ? 'share' : 'ms';
      const figure = (side: 'baseline' | 'candidate') => {
        const f = metric[side];
        return 'rate' in f ? f.rate : f.medianMs;
      };
      rows.push(
        [section, 'primary', String(metric.primary)],
        [section, `baseline${isRate ? 'Rate' : 'Median'}_${unit}`, String(figure('baseline'))],
        [section, `candidate${isRate ? 'Rate' : 'Median'}_${unit}`, String(figure('candidate'))],
        [section, `difference_${unit}`, String(metric.difference)],
        [section, `intervalLower_${unit}`, String(metric.interval?.[0] ?? null)],
        [section, `intervalUpper_${unit}`, String(metric.interval?.[1] ?? null)],
        [section, 'pValue', String(metric.pValue)],
        [section, 'adjustedP', String(metric.adjustedP)],
      );
    }
    for (const guardrail of candidate.guardrails) {
      // A guardrail's worsening: points of a rate as a share, or a duration's relative change.
      const unit = isMetricKey(guardrail.metric) && METRICS[guardrail.metric].kind === 'duration' ? 'relative' : 'share';
      rows.push(
        [`${prefix} guardrail ${guardrail.id}`, 'status', guardrail.status],
        [`${prefix} guardrail ${guardrail.id}`, `observedWorsening_${unit}`, String(guardrail.observed ?? null)],
      );
    }
  }
  return rows;
}
