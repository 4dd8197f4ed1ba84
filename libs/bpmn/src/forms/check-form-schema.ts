import { DomainError } from '#core';
import { nulCharacterLine } from '../parse/nul-character.js';
import { FORM_ERRORS } from './form-errors.js';
import { isContainerType, isInputType, isKnownType, isOptionType, type FormComponent, type FormSchema } from './form-schema.js';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const isNumberSetting = (value: unknown): boolean => typeof value === 'number' || (typeof value === 'string' && value.trim().startsWith('='));

const nameOf = (component: Record<string, unknown>, index: string): string =>
  typeof component.key === 'string' ? `field '${component.key}'` : typeof component.id === 'string' ? `component '${component.id}'` : `component ${index}`;

/**
 * What keeps a value from being a form-js schema the engine can validate submissions against, one
 * message per finding, each naming the component. `requireId`: a deployed form is found by its id.
 */
export function formSchemaProblems(value: unknown, { requireId }: { requireId: boolean }): string[] {
  if (!isObject(value)) return ['A form is a JSON object (a form-js schema with "components").'];
  const problems: string[] = [];
  if (requireId && (typeof value.id !== 'string' || value.id.trim() === '')) {
    problems.push('The form has no "id": a task names a deployed form by it (formKey="form:<id>").');
  }
  if (!Array.isArray(value.components)) return [...problems, 'The form has no "components" array.'];
  checkComponents(value.components, '', problems, new Set());
  return problems;
}

function checkComponents(components: unknown[], prefix: string, problems: string[], keys: Set<string>): void {
  components.forEach((component, position) => {
    const index = `${prefix}${position + 1}`;
    if (!isObject(component) || typeof component.type !== 'string') {
      problems.push(`Component ${index} has no "type".`);
      return;
    }
    const name = nameOf(component, index);
    if (!isKnownType(component.type)) {
      problems.push(`The ${name} has type '${component.type}', which the engine does not know.`);
      return;
    }
    if (isInputType(component.type)) checkInput(component as unknown as FormComponent, name, problems, keys);
    if (isContainerType(component.type)) {
      if (component.components !== undefined && !Array.isArray(component.components)) problems.push(`The ${name} has "components" that are not an array.`);
      if (component.type === 'dynamiclist' && (typeof component.path !== 'string' || component.path === '')) {
        problems.push(`The dynamic list ${name} has no "path" to keep its items under.`);
      }
      // Fields under a path are keyed apart from the rest of the form.
      const nested = typeof component.path === 'string' && component.path !== '' ? new Set<string>() : keys;
      if (Array.isArray(component.components)) checkComponents(component.components, `${index}.`, problems, nested);
    }
  });
}

function checkInput(component: FormComponent, name: string, problems: string[], keys: Set<string>): void {
  if (typeof component.key !== 'string' || component.key.trim() === '') {
    problems.push(`The ${name} (${component.type}) has no "key": the variable its value goes to.`);
    return;
  }
  if (keys.has(component.key)) problems.push(`The key '${component.key}' is used by more than one field.`);
  keys.add(component.key);
  if (isOptionType(component.type) && component.values === undefined && component.valuesKey === undefined && component.valuesExpression === undefined) {
    problems.push(`The ${name} (${component.type}) has no options: give "values", "valuesKey" or "valuesExpression".`);
  }
  if (component.values !== undefined && !(Array.isArray(component.values) && component.values.every((option) => isObject(option) && 'value' in option))) {
    problems.push(`The "values" of ${name} must be a list of { label, value }.`);
  }
  const validate = component.validate;
  if (validate === undefined) return;
  if (!isObject(validate)) {
    problems.push(`The "validate" of ${name} must be an object.`);
    return;
  }
  for (const setting of ['min', 'max', 'minLength', 'maxLength'] as const) {
    if (validate[setting] !== undefined && !isNumberSetting(validate[setting])) {
      problems.push(`The validate.${setting} of ${name} must be a number (or FEEL starting with "=").`);
    }
  }
  if (validate.pattern !== undefined) {
    try {
      new RegExp(String(validate.pattern));
    } catch {
      problems.push(`The validate.pattern of ${name} is not a regular expression: ${String(validate.pattern)}.`);
    }
  }
}

/**
 * Reads a `.form` file: JSON (FORM_MALFORMED otherwise) holding a form-js schema with an id
 * (FORM_SCHEMA_INVALID, listing every problem, otherwise).
 */
export function readFormSchema(text: string): FormSchema {
  const nulLine = nulCharacterLine(text, 'json');
  if (nulLine !== undefined) {
    throw new DomainError(FORM_ERRORS.malformed, `The form contains the NUL character (line ${nulLine}), which no stored text can hold.`, { line: nulLine });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DomainError(FORM_ERRORS.malformed, `The form is not JSON: ${(error as Error).message}`);
  }
  const problems = formSchemaProblems(value, { requireId: true });
  if (problems.length > 0) {
    throw new DomainError(FORM_ERRORS.schemaInvalid, `The form has ${problems.length} problem(s): ${problems.join(' ')}`, { problems });
  }
  return value as FormSchema;
}
