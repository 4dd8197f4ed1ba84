import { abbreviate, FEEL_LIMITS, feelCostProblem, type DecisionTable } from '#bpmn';
import { DomainError } from '#core';
import { evaluate, unaryTest, type EvaluationResult } from 'feelin';
import { evaluationProblem } from '../feel/feel.js';
import { ENGINE_ERRORS } from '../model/errors.js';
import type { Variables } from '../model/state.js';
import { decisionFailed } from './decision-errors.js';

/** Where an expression sits, for the error: the input entry "< 5" of rule 'r2' for input 'Amount' (i3). */
export interface EntryLocation {
  table: DecisionTable;
  kind: 'input expression' | 'input entry' | 'output entry';
  /** E.g. "of rule 'r2' for input 'Amount' (i3)". */
  place: string;
  details: Record<string, unknown>;
}

/** An input expression or output entry; any failure other than missing data is DECISION_FAILED naming the entry. */
export const evaluateExpression = (expression: string, variables: Variables, where: EntryLocation): unknown =>
  run(expression, where, feelCostProblem(expression, variables), () => evaluate(expression, variables));

/** Input entry unary tests with `?` bound to the input value; a null test result (not comparable) does not match. */
export const testInputEntry = (entry: string, inputValue: unknown, variables: Variables, where: EntryLocation): boolean =>
  run(entry, where, feelCostProblem(entry, { ...variables, '?': inputValue }, true), () => unaryTest(entry, { ...variables, '?': inputValue })) === true;

/** Evaluates an entry unless measuring it found it too costly (FEEL_EXPRESSION_TOO_COSTLY naming the entry). */
function run<T>(expression: string, where: EntryLocation, tooCostly: string | undefined, evaluation: () => EvaluationResult<T>): T {
  if (tooCostly) {
    throw new DomainError(ENGINE_ERRORS.expressionTooCostly, `${describeEntry(abbreviate(expression), where)} is too costly to evaluate: ${tooCostly}.`, {
      decisionId: where.table.id,
      ...where.details,
      expression: abbreviate(expression, 500),
      limits: FEEL_LIMITS,
    });
  }
  let result: EvaluationResult<T>;
  try {
    result = evaluation();
  } catch (error) {
    throw failed(expression, where, error instanceof Error ? error.message : String(error));
  }
  // Missing data is null, as everywhere in the engine's FEEL.
  const problem = evaluationProblem(result.warnings);
  if (problem) throw failed(expression, where, problem.message);
  return result.value;
}

/** "the input entry "< x" of rule 'r2' for input 'Amount' (i3)": the message names what the designer opens. */
export const describeEntry = (expression: string, { kind, place }: EntryLocation): string => `the ${kind} "${expression}" ${place}`;

const failed = (expression: string, where: EntryLocation, reason: string) =>
  decisionFailed(where.table, `${describeEntry(expression, where)} failed: ${reason}`, { ...where.details, expression });
