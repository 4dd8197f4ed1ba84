import type { DmnElement } from 'dmn-moddle';
import type { Problem } from '../../problem.js';
import { viewDecisions } from './decision-view.js';
import type { DmnValidationRule } from './rule.js';
import { decisionId } from './rules/decision-id.js';
import { expressionLanguage } from './rules/expression-language.js';
import { feelSyntax } from './rules/feel-syntax.js';
import { hitPolicy } from './rules/hit-policy.js';
import { inputClause } from './rules/input-clause.js';
import { outputClause } from './rules/output-clause.js';
import { outputPriority } from './rules/output-priority.js';
import { ruleEntries } from './rules/rule-entries.js';
import { supportedElement } from './rules/supported-element.js';

export const DMN_RULES: readonly DmnValidationRule[] = [
  decisionId,
  supportedElement,
  hitPolicy,
  inputClause,
  outputClause,
  outputPriority,
  ruleEntries,
  expressionLanguage,
  feelSyntax,
];

/** Runs every rule over the document's decisions; browser-safe, like validateBpmn. */
export function validateDmn(definitions: DmnElement): Problem[] {
  const context = { definitions, decisions: viewDecisions(definitions) };
  return DMN_RULES.flatMap((rule) => rule.check(context));
}
