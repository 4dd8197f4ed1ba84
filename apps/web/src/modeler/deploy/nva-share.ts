import type { ValueSummary } from '#bpmn';

/** The NVA steps' share of all steps that should carry a value class (unclassified ones count in the whole); 0 for none. */
export const nvaStepShare = (summary: ValueSummary): number => {
  const steps = summary.counts.VA + summary.counts.BVA + summary.counts.NVA + summary.unclassified;
  return steps === 0 ? 0 : summary.nvaSteps / steps;
};

const percent = (share: number): string => `${Math.round(share * 100)} %`;

/** "NVA share of steps 53 % → 8 % (−45 points)": how much of the process is waste, before and after. */
export const describeNvaShare = (before: ValueSummary, after: ValueSummary): string => {
  const points = Math.round(nvaStepShare(after) * 100) - Math.round(nvaStepShare(before) * 100);
  const change = points === 0 ? 'unchanged' : `${points > 0 ? '+' : '−'}${Math.abs(points)} points`;
  return `NVA share of steps ${percent(nvaStepShare(before))} → ${percent(nvaStepShare(after))} (${change})`;
};
