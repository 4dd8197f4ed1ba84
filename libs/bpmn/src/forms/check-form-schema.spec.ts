import { describe, expect, it } from '@jest/globals';
import { isDomainError } from '#core';
import { formSchemaProblems, readFormSchema } from './check-form-schema.js';

const errorOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (isDomainError(error)) return error;
  }
  throw new Error('expected a domain error');
};

describe('readFormSchema', () => {
  it('reads a form-js schema with an id', () => {
    // given a form as the form-js editor saves it
    const text = JSON.stringify({
      id: 'complaint-intake',
      type: 'default',
      schemaVersion: 16,
      components: [{ type: 'textfield', key: 'name', label: 'Name', id: 'Field_1' }],
    });
    // then it reads back as given
    expect(readFormSchema(text)).toEqual(expect.objectContaining({ id: 'complaint-intake', schemaVersion: 16 }));
  });

  it('refuses text that is not JSON', () => {
    expect(errorOf(() => readFormSchema('<form/>')).code).toBe('FORM_MALFORMED');
  });

  it('lists every problem of a schema, naming the component', () => {
    // given a form without id whose fields are unkeyed, duplicated, without options or with a bad pattern
    const error = errorOf(() =>
      readFormSchema(
        JSON.stringify({
          components: [
            { type: 'textfield', id: 'Field_1' },
            { type: 'number', key: 'amount' },
            { type: 'number', key: 'amount', validate: { min: 'ten' } },
            { type: 'select', key: 'category' },
            { type: 'textfield', key: 'code', validate: { pattern: '([a-z' } },
            { type: 'slider', key: 'mood' },
            { type: 'dynamiclist', components: [] },
          ],
        }),
      ),
    );
    // then each is listed
    expect(error.code).toBe('FORM_SCHEMA_INVALID');
    expect(error.details?.problems).toEqual([
      'The form has no "id": a task names a deployed form by it (formKey="form:<id>").',
      'The component \'Field_1\' (textfield) has no "key": the variable its value goes to.',
      "The key 'amount' is used by more than one field.",
      'The validate.min of field \'amount\' must be a number (or FEEL starting with "=").',
      'The field \'category\' (select) has no options: give "values", "valuesKey" or "valuesExpression".',
      "The validate.pattern of field 'code' is not a regular expression: ([a-z.",
      "The field 'mood' has type 'slider', which the engine does not know.",
      'The dynamic list component 7 has no "path" to keep its items under.',
    ]);
  });

  it('needs no id for a form embedded in a model', () => {
    expect(formSchemaProblems({ components: [] }, { requireId: false })).toEqual([]);
    expect(formSchemaProblems([], { requireId: false })).toEqual(['A form is a JSON object (a form-js schema with "components").']);
  });
});
