import { compileBpmn } from './compile/compile-bpmn.js';
import { parseBpmn } from './parse/parse-bpmn.js';
import { hasErrors, type Problem } from './problem.js';
import type { ProcessGraph } from './process-graph.js';
import { validateBpmn } from './validate/validate-bpmn.js';

export interface LoadedBpmn {
  /** Compiled executable processes; empty when any problem is an error. */
  processes: ProcessGraph[];
  problems: Problem[];
}

/** Parse, validate and compile: the deploy pipeline of DESIGN.md section 2, step 1. */
export async function loadBpmn(xml: string): Promise<LoadedBpmn> {
  const { definitions, problems: readerProblems } = await parseBpmn(xml);
  const problems = [...readerProblems, ...validateBpmn(definitions)];
  return { processes: hasErrors(problems) ? [] : compileBpmn(definitions), problems };
}
