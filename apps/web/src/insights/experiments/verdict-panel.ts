import type { ExperimentAnalysis, Verdict, VerdictReason } from '../../api/experiments-types.js';
import { element } from '../../ui/dom.js';
import { panel } from './data-table.js';
import { formatReasonNumbers, VERDICT_TEXT, verdictBadgeText } from './experiment-format.js';

/** A verdict badge: symbol, code and (on hover and for screen readers) its meaning. */
export const verdictBadge = (verdict: Verdict): HTMLElement =>
  element('span', { class: 'verdict-badge', 'data-verdict': verdict, title: VERDICT_TEXT[verdict].label }, verdictBadgeText(verdict));

const reasonItem = (reason: VerdictReason): HTMLElement =>
  element(
    'li',
    { 'data-reason': reason.code },
    element('code', { class: 'reason-code' }, reason.code),
    ' ',
    element('span', { class: 'reason-message', 'data-role': 'reason-message' }, reason.message),
    Object.keys(reason.numbers).length > 0 && element('div', { class: 'reason-numbers', 'data-role': 'reason-numbers' }, formatReasonNumbers(reason.numbers)),
  );

/**
 * The verdict with every reason and its numbers, how to reproduce it (data hash and seed), and,
 * with several candidates, each candidate's own verdict.
 */
export const verdictPanel = (analysis: ExperimentAnalysis, downloads: HTMLElement): HTMLElement =>
  panel(
    'verdict',
    'Verdict',
    element(
      'div',
      { class: 'verdict-head' },
      verdictBadge(analysis.verdict),
      element('span', { class: 'verdict-label', 'data-role': 'verdict-label' }, VERDICT_TEXT[analysis.verdict].label),
    ),
    element('ul', { class: 'verdict-reasons', 'data-role': 'verdict-reasons' }, ...analysis.reasons.map(reasonItem)),
    analysis.candidates.length > 1 &&
      element(
        'ul',
        { class: 'candidate-verdicts' },
        ...analysis.candidates.map((candidate) => element('li', {}, `arm ${candidate.armId}: `, verdictBadge(candidate.verdict.verdict))),
      ),
    element(
      'p',
      { class: 'verdict-reproduce', 'data-role': 'verdict-reproduce' },
      `Reproducible: data hash ${analysis.dataHash}, seed ${analysis.seed}, analysis version ${analysis.analysisVersion}, as of ${analysis.at.replace('T', ' ').slice(0, 16)} UTC.`,
    ),
    downloads,
  );
