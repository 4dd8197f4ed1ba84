import type { ExperimentAnalysis, Verdict, VerdictReason } from '../../api/experiments-types.js';
import { element } from '../../ui/dom.js';
import { panel } from './data-table.js';
import { formatReasonNumbers, VERDICT_TEXT, verdictBadgeText } from './experiment-format.js';
import { reasonSentence, type ReasonContext } from './reason-sentences.js';

/** A verdict badge: symbol, code and (on hover and for screen readers) its meaning. */
export const verdictBadge = (verdict: Verdict): HTMLElement =>
  element('span', { class: 'verdict-badge', 'data-verdict': verdict, title: VERDICT_TEXT[verdict].label }, verdictBadgeText(verdict));

/** A reason as a sentence; its code and raw numbers, for the analyst who wants them, in the tooltip. */
const reasonItem = (reason: VerdictReason, context: ReasonContext): HTMLElement => {
  const numbers = formatReasonNumbers(reason.numbers);
  return element(
    'li',
    { 'data-reason': reason.code, title: numbers ? `${reason.code}: ${numbers}` : reason.code },
    element('span', { class: 'reason-message', 'data-role': 'reason-message' }, reasonSentence(reason, context)),
  );
};

/** What the reasons' sentences need to know of the analysis: the primary metric, the crossing look, the guardrails. */
const reasonContext = (analysis: ExperimentAnalysis): ReasonContext => {
  const crossed = analysis.candidates.find((candidate) => candidate.verdict.sequential.crossed)?.verdict.sequential.crossed;
  return {
    primaryMetric: analysis.plan.primaryMetric,
    ...(crossed && { crossedLook: crossed.look + 1 }),
    guardrails: analysis.candidates.flatMap((candidate) => candidate.guardrails),
  };
};

/**
 * The verdict with every reason and its numbers, how to reproduce it (data hash and seed), and,
 * with several candidates, each candidate's own verdict.
 */
export const verdictPanel = (analysis: ExperimentAnalysis, downloads: HTMLElement, armLabel: (armId: string) => string = (armId) => armId): HTMLElement =>
  panel(
    'verdict',
    'Verdict',
    element(
      'div',
      { class: 'verdict-head' },
      verdictBadge(analysis.verdict),
      element('span', { class: 'verdict-label', 'data-role': 'verdict-label' }, VERDICT_TEXT[analysis.verdict].label),
    ),
    element('ul', { class: 'verdict-reasons', 'data-role': 'verdict-reasons' }, ...analysis.reasons.map((reason) => reasonItem(reason, reasonContext(analysis)))),
    analysis.candidates.length > 1 &&
      element(
        'ul',
        { class: 'candidate-verdicts' },
        ...analysis.candidates.map((candidate) => element('li', {}, `${armLabel(candidate.armId)}: `, verdictBadge(candidate.verdict.verdict))),
      ),
    element(
      'p',
      { class: 'verdict-reproduce', 'data-role': 'verdict-reproduce' },
      `Reproducible: data hash ${analysis.dataHash}, seed ${analysis.seed}, analysis version ${analysis.analysisVersion}, as of ${analysis.at.replace('T', ' ').slice(0, 16)} UTC.`,
    ),
    downloads,
  );
