import { isDomainError } from '#core';
import { evaluateFeel, jsonValue } from '#engine';
import type { HttpJsonResponse } from './http-call.js';
import { ConnectorInputError } from './http-json-request.js';

/**
 * The variables a connector's answer completes its job with, as Camunda's connectors map them
 * from the task headers: `resultVariable` holds the whole response, and `resultExpression` (FEEL
 * over `response`) yields a context whose entries become variables. Neither: no variables.
 */
export function resultVariables(headers: Readonly<Record<string, string>>, response: HttpJsonResponse, elementId: string): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  const resultVariable = headers.resultVariable?.trim();
  if (resultVariable) variables[resultVariable] = response;
  const resultExpression = headers.resultExpression?.trim();
  if (resultExpression) {
    let value: unknown;
    try {
      value = jsonValue(evaluateFeel(resultExpression, { response }, elementId));
    } catch (error) {
      if (isDomainError(error)) throw new ConnectorInputError(`The task header 'resultExpression' failed: ${error.message}`);
      throw error;
    }
    if (value === null) return variables;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new ConnectorInputError(`The task header 'resultExpression' must yield a context ({name: value, ...}) whose entries become variables, not ${JSON.stringify(value)}.`);
    }
    Object.assign(variables, value);
  }
  return variables;
}
