import type { DmnElement } from 'dmn-moddle';
import type { Problem, ProblemSeverity } from '../../problem.js';
import type { DecisionView } from './decision-view.js';

export interface DmnValidationContext {
  definitions: DmnElement;
  decisions: DecisionView[];
}

/** One rule, one file: it reports problems and never throws. */
export interface DmnValidationRule {
  name: string;
  check(context: DmnValidationContext): Problem[];
}

/** Builds a rule's problems; messages often open with a described element, so the first letter is raised. */
export const problemFor =
  (rule: string) =>
  (severity: ProblemSeverity, elementId: string | null, message: string): Problem => ({
    elementId,
    rule,
    severity,
    message: message.charAt(0).toUpperCase() + message.slice(1),
  });
