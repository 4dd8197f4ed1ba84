import { asObject, hasValueAt, isEmpty, isObject, settingValue, valueAt, type FormValues } from './form-values.js';
import { isContainerType, isInputType, isOptionType, type FieldProblem, type FormComponent, type FormSchema } from './form-schema.js';

// The viewer's own checks (form-js-viewer runPresetValidation), so the server says no to exactly what the form would.
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
/** International numbers (`+4930664040900`); looser than the viewer's country table, never stricter. */
const PHONE = /^(\+|00)[1-9]\d{6,20}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?(Z|[+-]\d{2}:?\d{2})?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

interface Scope {
  /** The case's variables with the submission over them: what the instance holds after completing. */
  data: FormValues;
  /** What was submitted at this level (absent when the submission does not reach it). */
  submitted: FormValues | undefined;
  /** The key path of this level, for naming fields (`items[0].`). */
  prefix: string;
  /** The whole form's data: FEEL conditions and settings read it as the viewer does. */
  root: FormValues;
}

/**
 * Checks variables submitted to complete a task against the task's form-js schema, as the form viewer
 * would: `required` on what the case holds after the submission (a field the case already has needs
 * no re-sending), types and settings (options, min/max, lengths, pattern, email/phone, decimal digits,
 * date/time formats) on each submitted value, and no variable the form does not have. Fields hidden by
 * their `conditional.hide` are skipped, since the viewer neither shows nor submits them.
 * Returns one problem per field; none means the submission fits.
 */
export function validateFormSubmission(schema: FormSchema, submitted: FormValues, variables: FormValues = {}): FieldProblem[] {
  const data = { ...variables, ...submitted };
  const problems: FieldProblem[] = [];
  checkComponents(schema.components, { data, submitted, prefix: '', root: data }, problems);
  const known = new Set(topLevelNames(schema.components));
  for (const name of Object.keys(submitted)) {
    if (!known.has(name)) problems.push({ field: name, problem: 'is not a field of this form' });
  }
  return problems;
}

/** The variables a form writes: each field's first key segment, and each container's path. */
function topLevelNames(components: readonly FormComponent[]): string[] {
  return components.flatMap((component) => {
    if (isContainerType(component.type)) {
      return component.path ? [component.path.split('.')[0]] : topLevelNames(component.components ?? []);
    }
    return isInputType(component.type) && component.key ? [component.key.split('.')[0]] : [];
  });
}

function checkComponents(components: readonly FormComponent[], scope: Scope, problems: FieldProblem[]): void {
  for (const component of components) {
    if (isHidden(component, scope.root)) continue;
    if (isContainerType(component.type)) checkContainer(component, scope, problems);
    else if (isInputType(component.type) && component.key) checkField(component, component.key, scope, problems);
  }
}

function checkContainer(component: FormComponent, scope: Scope, problems: FieldProblem[]): void {
  const children = component.components ?? [];
  if (!component.path) {
    checkComponents(children, scope, problems);
    return;
  }
  const field = `${scope.prefix}${component.path}`;
  const data = valueAt(scope.data, component.path);
  const submitted = scope.submitted !== undefined && hasValueAt(scope.submitted, component.path) ? valueAt(scope.submitted, component.path) : undefined;
  if (component.type === 'group') {
    if (submitted !== undefined && submitted !== null && !isObject(submitted)) problems.push({ field, problem: 'must be an object of the group’s fields' });
    checkComponents(children, { ...scope, data: asObject(data), submitted: isObject(submitted) ? submitted : undefined, prefix: `${field}.` }, problems);
    return;
  }
  if (submitted !== undefined && submitted !== null && !(Array.isArray(submitted) && submitted.every(isObject))) {
    problems.push({ field, problem: 'must be a list of objects, one per item' });
    return;
  }
  const items = Array.isArray(data) ? data : [];
  items.forEach((item, index) => {
    const itemSubmitted = Array.isArray(submitted) ? asObject(submitted[index]) : undefined;
    checkComponents(children, { ...scope, data: asObject(item), submitted: itemSubmitted, prefix: `${field}[${index}].` }, problems);
  });
}

function checkField(component: FormComponent, key: string, scope: Scope, problems: FieldProblem[]): void {
  const field = `${scope.prefix}${key}`;
  const validate = component.validate ?? {};
  // Expression fields are computed by the viewer and file pickers upload elsewhere: nothing to check here.
  if (component.type === 'expression' || component.type === 'filepicker') return;
  if (validate.required === true && isEmpty(valueAt(scope.data, key), component.type)) {
    problems.push({ field, problem: 'is required' });
    return;
  }
  if (scope.submitted === undefined || !hasValueAt(scope.submitted, key)) return;
  const value = valueAt(scope.submitted, key);
  if (value === null || value === undefined) return;
  const problem = typeProblem(component, value, scope) ?? settingProblem(component, value, scope.root);
  if (problem !== undefined) problems.push({ field, problem });
}

function isHidden(component: FormComponent, root: FormValues): boolean {
  const hide = component.conditional?.hide;
  if (typeof hide !== 'string' || hide.trim() === '') return false;
  return settingValue(hide.trim().startsWith('=') ? hide : `=${hide}`, root) === true;
}

/** The options of a select, radio, checklist or taglist; undefined when the viewer computes them (nothing to hold a value to). */
function optionsOf(component: FormComponent, scope: Scope): unknown[] | undefined {
  if (Array.isArray(component.values)) return component.values.map((option) => option.value);
  if (component.valuesKey) {
    const given = valueAt(scope.root, component.valuesKey);
    if (!Array.isArray(given)) return undefined;
    return given.map((option) => (isObject(option) && 'value' in option ? option.value : option));
  }
  return undefined;
}

const describeOptions = (options: unknown[]): string => options.map((option) => JSON.stringify(option)).join(', ');

function typeProblem(component: FormComponent, value: unknown, scope: Scope): string | undefined {
  switch (component.type) {
    case 'textfield':
    case 'textarea':
      return typeof value === 'string' ? undefined : 'must be text';
    case 'number':
      if (typeof value === 'number') return Number.isFinite(value) ? undefined : 'must be a number';
      return component.serializeToString === true && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? undefined : 'must be a number';
    case 'checkbox':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'datetime':
      return datetimeProblem(component.subtype ?? 'date', value);
    default:
      if (isOptionType(component.type)) return optionProblem(component, value, scope);
      return undefined;
  }
}

function optionProblem(component: FormComponent, value: unknown, scope: Scope): string | undefined {
  const multiple = component.type === 'checklist' || component.type === 'taglist';
  if (multiple && !Array.isArray(value)) return 'must be a list of the options';
  if (!multiple && (typeof value === 'object' || Array.isArray(value))) return 'must be one of the options';
  const options = optionsOf(component, scope);
  if (options === undefined) return undefined;
  const chosen = multiple ? (value as unknown[]) : [value];
  const outside = chosen.filter((item) => !options.includes(item));
  if (outside.length === 0) return undefined;
  return `${describeOptions(outside)} ${outside.length === 1 ? 'is' : 'are'} not among the options (${describeOptions(options)})`;
}

function datetimeProblem(subtype: string, value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be text in ISO 8601 format';
  if (subtype === 'time') return TIME.test(value) ? undefined : 'must be a time as HH:mm';
  if (subtype === 'datetime') return DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)) ? undefined : 'must be a date and time as YYYY-MM-DDTHH:mm';
  const parts = DATE.exec(value);
  if (!parts) return 'must be a date as YYYY-MM-DD';
  const [year, month, day] = parts.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? undefined : `is not a day of the calendar: ${value}`;
}

function settingProblem(component: FormComponent, value: unknown, root: FormValues): string | undefined {
  const validate = component.validate ?? {};
  const number = (setting: unknown): number | undefined => {
    const evaluated = settingValue(setting, root);
    return typeof evaluated === 'number' && Number.isFinite(evaluated) ? evaluated : undefined;
  };
  if (component.type === 'number') {
    const amount = Number(value);
    const min = number(validate.min);
    const max = number(validate.max);
    if (min !== undefined && amount < min) return `must be at least ${min}`;
    if (max !== undefined && amount > max) return `must be at most ${max}`;
    const digits = component.decimalDigits;
    if (typeof digits === 'number' && digits >= 0 && decimals(String(value)) > digits) {
      return digits === 0 ? 'must be a whole number' : `must have at most ${digits} decimal digit(s)`;
    }
    return undefined;
  }
  if (typeof value !== 'string') return undefined;
  const minLength = number(validate.minLength);
  const maxLength = number(validate.maxLength);
  // The viewer measures trimmed text; so does the server, or a value it accepted would be refused here.
  if (minLength !== undefined && value !== '' && value.trim().length < minLength) return `must be at least ${minLength} characters long`;
  if (maxLength !== undefined && value.trim().length > maxLength) return `must be at most ${maxLength} characters long`;
  if (validate.pattern && value !== '' && !safeTest(validate.pattern, value)) {
    return validate.patternErrorMessage ?? `must match the pattern ${validate.pattern}`;
  }
  if (validate.validationType === 'email' && value !== '' && !EMAIL.test(value)) return 'must be an email address';
  if (validate.validationType === 'phone' && value !== '' && !PHONE.test(value)) return 'must be an international phone number (e.g. +4930664040900)';
  return undefined;
}

const decimals = (text: string): number => {
  const [, fraction = ''] = text.replace(/e.*$/i, '').split('.');
  return fraction.length;
};

const safeTest = (pattern: string, value: string): boolean => {
  try {
    return new RegExp(pattern).test(value);
  } catch {
    // The schema check refuses such a pattern at deploy; an embedded one that slipped through checks nothing.
    return true;
  }
};
