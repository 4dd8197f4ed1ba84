import type { ModdleElement } from 'bpmn-moddle';
import type { FormSchema } from '../forms/form-schema.js';
import { readAttribute } from '../parse/extension-attributes.js';
import { extensionElement } from '../parse/extension-elements.js';

/**
 * The form key of a user task: `tandem:formKey` / `camunda:formKey`. Camunda 8's
 * `zeebe:formDefinition` is left alone: Zeebe deploys such models without their forms, and so do we.
 */
export const formKeyOfTask = (task: ModdleElement): string | undefined => readAttribute(task, 'formKey');

/** The text of a `<tandem:form>` extension element: a form-js schema as JSON. */
export const embeddedFormText = (task: ModdleElement): string | undefined => {
  const body: unknown = extensionElement(task, 'form')?.body;
  return typeof body === 'string' && body.trim() !== '' ? body : undefined;
};

/** The form settings of a compiled user task; the user-task-form rule has refused a body that is not a schema. */
export function userTaskFormOf(task: ModdleElement): { formKey?: string; form?: FormSchema } {
  const formKey = formKeyOfTask(task);
  const text = embeddedFormText(task);
  return {
    ...(formKey !== undefined && { formKey }),
    ...(text !== undefined && { form: JSON.parse(text) as FormSchema }),
  };
}
