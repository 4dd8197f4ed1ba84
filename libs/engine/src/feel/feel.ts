import { abbreviate, FEEL_LIMITS, feelCostProblem, isIsoDuration, stripFeelPrefix } from '#bpmn';
import { DomainError } from '#core';
import { evaluate, FeelDuration, type WarningType } from 'feelin';
import { ENGINE_ERRORS } from '../model/errors.js';
import type { Variables } from '../model/state.js';

/** FEEL's null propagation: a missing variable or entry yields null, which is not an error. */
const MISSING_DATA: ReadonlySet<WarningType> = new Set(['NO_VARIABLE_FOUND', 'NO_CONTEXT_ENTRY_FOUND', 'NO_PROPERTY_FOUND']);

/** The first warning of an evaluation that is a real failure, not missing data (which is null). */
export const evaluationProblem = <W extends { type: WarningType }>(warnings: readonly W[]): W | undefined => warnings.find((warning) => !MISSING_DATA.has(warning.type));

/**
 * Evaluates a FEEL expression (leading `=` optional) against the instance variables, once its
 * cost is known to be bounded (FEEL_EXPRESSION_TOO_COSTLY otherwise). A syntax error or any evaluation problem other than missing data fails with
 * `EXPRESSION_FAILED` naming the element that holds the expression.
 */
export function evaluateFeel(expression: string, variables: Variables, elementId: string): unknown {
  const body = stripFeelPrefix(expression);
  const tooCostly = feelCostProblem(body, variables);
  if (tooCostly) throw expressionTooCostly(elementId, body, tooCostly);
  let result: ReturnType<typeof evaluate>;
  try {
    result = evaluate(body, variables);
  } catch (error) {
    throw expressionFailed(elementId, body, error instanceof Error ? error.message : String(error));
  }
  const problem = evaluationProblem(result.warnings);
  if (problem) throw expressionFailed(elementId, body, problem.message);
  return result.value;
}

/** A FEEL result as text for a string-typed setting, such as an assignee or a duration; null stays undefined. */
export function feelText(value: unknown, elementId: string, expression: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (value instanceof FeelDuration) return value.toString();
  throw expressionFailed(elementId, stripFeelPrefix(expression), `it yields ${JSON.stringify(value)}, not a string`);
}

/** A FEEL result as an ISO 8601 duration (a duration value or text such as "PT4H"); null stays undefined. */
export function feelDuration(value: unknown, elementId: string, expression: string): string | undefined {
  const text = feelText(value, elementId, expression);
  if (text !== undefined && !isIsoDuration(text)) {
    throw expressionFailed(elementId, stripFeelPrefix(expression), `it yields "${text}", not an ISO 8601 duration`);
  }
  return text;
}

/** A FEEL result as stored data: dates and durations become their ISO text, a missing value null. */
export function jsonValue(value: unknown): unknown {
  const text = value === undefined ? undefined : JSON.stringify(value);
  return text === undefined ? null : JSON.parse(text);
}

export const expressionFailed = (elementId: string, expression: string, reason: string) =>
  new DomainError(ENGINE_ERRORS.expressionFailed, `The FEEL expression "${expression}" of '${elementId}' failed: ${reason}.`, {
    elementId,
    expression,
  });

export const expressionTooCostly = (elementId: string, expression: string, reason: string) =>
  new DomainError(ENGINE_ERRORS.expressionTooCostly, `The FEEL expression "${abbreviate(expression)}" of '${elementId}' is too costly to evaluate: ${reason}.`, {
    elementId,
    expression: abbreviate(expression, 500),
    limits: FEEL_LIMITS,
  });
