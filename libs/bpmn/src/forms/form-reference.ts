/**
 * How a user task names a deployed form: `tandem:formKey="form:<id>"` (or `camunda:formKey`), where
 * `<id>` is the `id` of a form-js schema deployed as a `.form` file. Any other form key (e.g. `embedded:app:forms/x.html`) belongs to
 * an outside app: the engine passes it on and neither checks nor validates it.
 */
export const FORM_KEY_PREFIX = 'form:';

export const formKeyOf = (formId: string): string => `${FORM_KEY_PREFIX}${formId}`;

/** The id of the deployed form a form key names, or undefined for a key that names none. */
export const referencedFormId = (formKey: string | undefined): string | undefined => {
  if (formKey === undefined || !formKey.startsWith(FORM_KEY_PREFIX)) return undefined;
  const id = formKey.slice(FORM_KEY_PREFIX.length).trim();
  return id === '' ? undefined : id;
};
