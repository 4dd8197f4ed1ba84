/**
 * A verdict report as flat rows (section, name, value) for the CSV download; the app only
 * stringifies them. Numbers keep full precision so the CSV reproduces the JSON.
 */
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
