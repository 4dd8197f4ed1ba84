import { DomainError } from '#core';
import { EXPERIMENT_ERRORS } from '../experiment-errors.js';

// Module-level binding: global lookups are slow inside jest's vm contexts, and this runs per value.
const { isFinite } = Number;

export function statisticsInputError(field: string, message: string): DomainError {
  return new DomainError(EXPERIMENT_ERRORS.statisticsInputInvalid, `${field}: ${message}`, { field });
}

export function requireSample(field: string, values: readonly number[], minimum = 1): void {
  if (values.length < minimum) throw statisticsInputError(field, `needs at least ${minimum} value(s), got ${values.length}`);
  if (values.some((value) => !isFinite(value))) throw statisticsInputError(field, 'contains a value that is not a finite number');
}

export function requireAlpha(alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) throw statisticsInputError('alpha', `must lie in (0, 1), got ${alpha}`);
}
