import { hasErrors, type Problem } from '../problem.js';
import { compileDmn } from './compile/compile-dmn.js';
import type { DecisionTable } from './decision-table.js';
import { parseDmn } from './parse/parse-dmn.js';
import { validateDmn } from './validate/validate-dmn.js';

export interface LoadedDmn {
  /** Compiled decision tables; empty when any problem is an error. */
  decisions: DecisionTable[];
  problems: Problem[];
}

/** Parse, validate and compile one DMN document deployed beside a BPMN model (the same pipeline as loadBpmn). */
export async function loadDmn(xml: string): Promise<LoadedDmn> {
  const { definitions, problems: readerProblems } = await parseDmn(xml);
  const problems = [...readerProblems, ...validateDmn(definitions)];
  return { decisions: hasErrors(problems) ? [] : compileDmn(definitions), problems };
}
