import type { ModdleElement } from 'bpmn-moddle';
import type { Problem, ProblemSeverity } from '../problem.js';
import type { ProcessView } from './process-view.js';

export interface ValidationContext {
  definitions: ModdleElement;
  /** The executable processes. */
  processes: ProcessView[];
}

/** One rule, one file: it reports problems and never throws. */
export interface ValidationRule {
  name: string;
  check(context: ValidationContext): Problem[];
}

export const problemFor =
  (rule: string) =>
  (severity: ProblemSeverity, element: ModdleElement | null, message: string): Problem => ({
    elementId: element?.id ?? null,
    rule,
    severity,
    message,
  });

export const allFlowNodes = (context: ValidationContext): ModdleElement[] => context.processes.flatMap((view) => view.flowNodes);
