import type { ModdleElement } from 'bpmn-moddle';
import { embeddedFormText, formKeyOfTask, usableZeebeEmbeddedForm } from '../../compile/user-task-form.js';
import { zeebeEmbeddedFormText, zeebeUserTaskOf } from '../../compile/zeebe-user-task.js';
import { isFeel } from '../../feel/feel-syntax.js';
import { formSchemaProblems } from '../../forms/check-form-schema.js';
import { FORM_KEY_PREFIX, referencedFormId } from '../../forms/form-reference.js';
import type { Problem } from '../../problem.js';
import { describe } from '../process-view.js';
import { allFlowNodes, problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('user-task-form');

/**
 * A user task's form: an embedded `<tandem:form>` must be a form-js schema (JSON with components,
 * every input keyed), a `form:` key must name an id, and a task has one form, not both. Camunda 8's
 * `zeebe:formDefinition`: an external reference is an address (FEEL is refused), and a legacy
 * embedded form (`camunda-forms:bpmn:<id>`) Tandem cannot render is a warning, not a refusal.
 */
export const userTaskForm: ValidationRule = {
  name: 'user-task-form',
  check(context) {
    return allFlowNodes(context)
      .filter((node) => node.$type === 'bpmn:UserTask')
      .flatMap(checkTask);
  },
};

function checkTask(task: ModdleElement): Problem[] {
  const formKey = formKeyOfTask(task);
  const text = embeddedFormText(task);
  const problems: Problem[] = [...checkZeebeForm(task)];
  if (formKey !== undefined && formKey.startsWith(FORM_KEY_PREFIX) && referencedFormId(formKey) === undefined) {
    problems.push(problem('error', task, `The form key "${formKey}" of ${describe(task)} names no form: write form:<id of a deployed form>.`));
  }
  if (text === undefined) return problems;
  if (formKey !== undefined) {
    problems.push(problem('error', task, `${describe(task)} has both a form key ("${formKey}") and an embedded tandem:form: keep one.`));
  }
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (error) {
    return [...problems, problem('error', task, `The tandem:form of ${describe(task)} is not JSON: ${(error as Error).message}`)];
  }
  return [...problems, ...formSchemaProblems(schema, { requireId: false }).map((message) => problem('error', task, `The tandem:form of ${describe(task)}: ${message}`))];
}

function checkZeebeForm(task: ModdleElement): Problem[] {
  const { formKey, externalReference } = zeebeUserTaskOf(task);
  const problems: Problem[] = [];
  if (externalReference !== undefined && isFeel(externalReference)) {
    problems.push(
      problem(
        'error',
        task,
        `The zeebe:formDefinition externalReference of ${describe(task)} is FEEL ("${externalReference}"); Tandem shows the form's address as written: write the address itself.`,
      ),
    );
  }
  if (formKey?.startsWith('camunda-forms:bpmn:') && usableZeebeEmbeddedForm(task) === undefined) {
    const reason = zeebeEmbeddedFormText(task) === undefined ? 'the process holds no zeebe:userTaskForm with that id' : 'its JSON is not a form-js schema Tandem checks';
    problems.push(
      problem('warning', task, `The embedded form "${formKey}" of ${describe(task)} cannot be shown (${reason}): the task keeps the form key, and completing it checks no form.`),
    );
  }
  return problems;
}
