import { evaluate } from 'feelin';
import type { OutputValue } from './decision-table.js';

const isOutputValue = (value: unknown): value is OutputValue => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * An output clause's value list (`"high","medium","low"`) as literals in priority order, or undefined
 * when it is not a list of string, number or boolean literals (ranges and comparisons rank nothing).
 */
export function readOutputValues(text: string): OutputValue[] | undefined {
  if (text.trim() === '') return undefined;
  try {
    const { value, warnings } = evaluate(`[${text}]`, {});
    return warnings.length === 0 && Array.isArray(value) && value.every(isOutputValue) ? value : undefined;
  } catch {
    // A syntax error: the feel-syntax rule reports it; here it only means "no literal list".
    return undefined;
  }
}
