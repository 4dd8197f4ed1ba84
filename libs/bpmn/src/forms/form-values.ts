import { evaluate } from 'feelin';
import { feelCostProblem } from '../feel/feel-cost.js';

export type FormValues = Record<string, unknown>;

const isObject = (value: unknown): value is FormValues => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value at a dotted key path (`customer.tier`), as form-js nests it; undefined when any step is missing. */
export const valueAt = (data: unknown, path: string): unknown => path.split('.').reduce<unknown>((current, segment) => (isObject(current) ? current[segment] : undefined), data);

export const hasValueAt = (data: unknown, path: string): boolean => {
  const segments = path.split('.');
  const owner = segments.length === 1 ? data : valueAt(data, segments.slice(0, -1).join('.'));
  return isObject(owner) && Object.prototype.hasOwnProperty.call(owner, segments[segments.length - 1]);
};

/** Empty as form-js's `required` sees it: nothing, '', an empty list, an unticked checkbox. */
export const isEmpty = (value: unknown, type: string): boolean =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0) || (type === 'checkbox' && value === false);

/**
 * Evaluates a FEEL setting of a form (`=` prefix) over the form's data, as the viewer does; a
 * plain value is returned as it is. An expression that fails, or that is too costly to evaluate
 * (feelCostProblem), yields undefined: the setting is then not applied, as in the viewer.
 */
export const settingValue = (setting: unknown, data: FormValues): unknown => {
  if (typeof setting !== 'string' || !setting.trim().startsWith('=')) return setting;
  const expression = setting.trim().slice(1);
  if (feelCostProblem(expression, data) !== undefined) return undefined;
  try {
    return evaluate(expression, data).value;
  } catch {
    return undefined;
  }
};

export const asObject = (value: unknown): FormValues => (isObject(value) ? value : {});
export { isObject };
