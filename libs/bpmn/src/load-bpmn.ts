import type { ModdleElement } from 'bpmn-moddle';
import { readCamunda7, type Camunda7Options, type DelegateConversion } from './camunda/camunda-7.js';
import { compileBpmn } from './compile/compile-bpmn.js';
import { parseBpmn } from './parse/parse-bpmn.js';
import { hasErrors, type Problem } from './problem.js';
import type { ProcessGraph } from './process-graph.js';
import { documentationAware, validateBpmn } from './validate/validate-bpmn.js';

export interface LoadedBpmn {
  /** Compiled executable processes; empty when any problem is an error. */
  processes: ProcessGraph[];
  problems: Problem[];
  /** Java delegates turned into external tasks (only with `convertDelegates`). */
  conversions: DelegateConversion[];
}

export type LoadOptions = Camunda7Options;

/**
 * An expression or a Java delegate the Camunda 7 reader refused is still JUEL or has no topic, so
 * the FEEL and task rules would report it again, less helpfully: the reader's problem says it.
 */
const withoutEchoes = (problems: Problem[], refused: Array<{ elementId: string | null }>): Problem[] => {
  const elements = new Set(refused.map(({ elementId }) => elementId));
  return problems.filter(({ rule, elementId }) => !((rule === 'feel-expression' || rule === 'task-attributes') && elements.has(elementId)));
};

/**
 * Parse, read the Camunda 7 dialect, validate and compile: the deploy pipeline of DESIGN.md
 * section 2, step 1. Each graph keeps the JUEL expressions it was translated from.
 */
export async function loadBpmn(xml: string, options: LoadOptions = {}): Promise<LoadedBpmn> {
  const { definitions, problems: readerProblems } = await parseBpmn(xml);
  const camunda = readCamunda7(definitions, options);
  const problems = [...readerProblems, ...documentationAware(definitions, camunda.problems), ...withoutEchoes(validateBpmn(definitions), camunda.problems)];
  if (hasErrors(problems)) return { processes: [], problems, conversions: camunda.conversions };
  const processes = compileBpmn(definitions).map((graph) => {
    const translations = camunda.translations.filter(({ elementId }) => elementId in graph.nodes || elementId in graph.flows);
    return translations.length > 0 ? { ...graph, translations } : graph;
  });
  return { processes, problems, conversions: camunda.conversions };
}

/**
 * What deploying would find, without changing the model: the modeler validates the diagram it
 * shows with it. JUEL the deploy would translate is not reported as FEEL it is not.
 */
export function validateDiagramModel(definitions: ModdleElement): Problem[] {
  const camunda = readCamunda7(definitions, { rewrite: false });
  return [...documentationAware(definitions, camunda.problems), ...withoutEchoes(validateBpmn(definitions), [...camunda.problems, ...camunda.translations])];
}
