/** One finding about a model. Validation collects these; it never throws. */
export type ProblemSeverity = 'error' | 'warning';

export interface Problem {
  /** The BPMN element the problem is about; null when it concerns the whole document. */
  elementId: string | null;
  /** The rule that found it (one rule per file under validate/rules). */
  rule: string;
  severity: ProblemSeverity;
  message: string;
}

export const hasErrors = (problems: readonly Problem[]): boolean => problems.some((problem) => problem.severity === 'error');
