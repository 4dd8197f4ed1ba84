import type { ModdleElement } from 'bpmn-moddle';
import { formSchemaProblems } from '../forms/check-form-schema.js';
import type { FormSchema } from '../forms/form-schema.js';
import { readAttribute } from '../parse/extension-attributes.js';
import { extensionElement } from '../parse/extension-elements.js';
import { zeebeEmbeddedFormText, zeebeFormKey, zeebeUserTaskOf } from './zeebe-user-task.js';

/**
 * A legacy Camunda 8 form embedded in the process (`zeebe:userTaskForm`) that Tandem can render:
 * its JSON is a form-js schema the engine checks submissions against. One it cannot render leaves
 * the task with its form key, so the model still deploys (the user-task-form rule warns).
 */
export function usableZeebeEmbeddedForm(task: ModdleElement): string | undefined {
  const text = zeebeEmbeddedFormText(task);
  if (text === undefined) return undefined;
  try {
    return formSchemaProblems(JSON.parse(text), { requireId: false }).length === 0 ? text : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The form key of a user task: `tandem:formKey` / `camunda:formKey`, else Camunda 8's
 * `zeebe:formDefinition`: a linked form (`formId`) is `form:<id>`, a `formKey` stays as written
 * (an outside app's) unless it names an embedded form Tandem renders.
 */
export const formKeyOfTask = (task: ModdleElement): string | undefined =>
  readAttribute(task, 'formKey') ?? (usableZeebeEmbeddedForm(task) === undefined ? zeebeFormKey(task) : undefined);

/** The text of a `<tandem:form>` extension element (a form-js schema as JSON), else a legacy Camunda 8 embedded form Tandem renders. */
export const embeddedFormText = (task: ModdleElement): string | undefined => {
  const body: unknown = extensionElement(task, 'form')?.body;
  if (typeof body === 'string' && body.trim() !== '') return body;
  return readAttribute(task, 'formKey') === undefined ? usableZeebeEmbeddedForm(task) : undefined;
};

/** The form settings of a compiled user task; the user-task-form rule has refused a body that is not a schema. */
export function userTaskFormOf(task: ModdleElement): { formKey?: string; form?: FormSchema; externalFormReference?: string } {
  const formKey = formKeyOfTask(task);
  const text = embeddedFormText(task);
  const { externalReference } = zeebeUserTaskOf(task);
  return {
    ...(formKey !== undefined && { formKey }),
    ...(text !== undefined && { form: JSON.parse(text) as FormSchema }),
    ...(externalReference !== undefined && { externalFormReference: externalReference }),
  };
}
