import { describeReaderMessage, validateDiagramModel, type Problem } from '#bpmn';
import type BaseViewer from 'bpmn-js/lib/BaseViewer';

/** What bpmn-js reports while reading XML it cannot fully map (unknown elements, broken references). */
export interface ImportWarning {
  message: string;
  element?: { id?: string };
}

/** The server's deploy-time validation rules (Camunda 7's dialect read as the deploy reads it), run on the diagram as it stands in the browser. */
export const validateDiagram = (diagram: BaseViewer): Problem[] => {
  const definitions = diagram.getDefinitions();
  if (!definitions) return [];
  try {
    return validateDiagramModel(definitions);
  } catch (error) {
    // The rules never throw by contract; if one does, say so rather than show a clean bill of health.
    return [{ elementId: null, rule: 'validation', severity: 'error', message: `Validation failed: ${String(error)}` }];
  }
};

/**
 * Import warnings, shaped and worded like the server's reader problems (rule `bpmn-schema`, line and column). bpmn-js types them
 * as strings but hands over objects with the element; both are read.
 */
export const importProblems = (warnings: readonly (ImportWarning | string)[]): Problem[] =>
  warnings.map((warning) => ({
    elementId: typeof warning === 'string' ? null : (warning.element?.id ?? null),
    rule: 'bpmn-schema',
    severity: 'error',
    message: describeReaderMessage(typeof warning === 'string' ? warning : warning.message),
  }));
