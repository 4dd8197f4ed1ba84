import { Injectable } from '@nestjs/common';
import { FORM_ERRORS, formKeyOf, referencedFormId, validateFormSubmission, type FormSchema } from '#bpmn';
import { DomainError } from '#core';
import type { InstanceState } from '#engine';
import { FormRepository, TaskRepository, type FormSummary, type FormWithSchema } from '#persistence';
import type { Principal } from '../auth/principal.js';
import { APP_ERRORS } from '../common/app-errors.js';
import { ProcessVersionCache } from '../definitions/process-version-cache.js';
import { requireTaskReadable } from '../tasks/task-access.js';
import type { TaskFormView } from './dto/form.view.js';

/** The task a form belongs to, as the task routes load it. */
export interface FormTask {
  id: string;
  elementId: string;
  name: string | null;
}

interface ResolvedForm {
  schema: FormSchema;
  /** The deployed form shown; undefined for one embedded in the model. */
  deployed?: FormWithSchema;
}

/**
 * Forms of user tasks: the schema a task shows (embedded in the model, or the latest version of
 * the deployed form its `formKey="form:<id>"` names) and the check of submitted variables against it.
 */
@Injectable()
export class FormsService {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly forms: FormRepository,
    private readonly versions: ProcessVersionCache,
  ) {}

  /** The form of a task the caller may work, with the case's variables to prefill it. */
  async taskForm(id: string, principal: Principal): Promise<TaskFormView> {
    const found = await this.tasks.findWithInstance(id);
    if (!found) throw new DomainError(APP_ERRORS.taskNotFound, `Task ${id} does not exist`, { id });
    await requireTaskReadable(found.task, principal, this.tasks);
    const form = await this.formOf(found.task, found.instance.state);
    if (form === undefined) {
      throw new DomainError(FORM_ERRORS.notFound, `Task ${id} (${found.task.name ?? found.task.elementId}) has no form`, { id });
    }
    return {
      schema: form.schema,
      variables: found.instance.state.variables,
      formKey: form.deployed ? formKeyOf(form.deployed.key) : null,
      formVersion: form.deployed?.version ?? null,
    };
  }

  /** The case's variables as a task's reader sees them, whether or not the task has a form (Camunda's form-variables). */
  async taskVariables(id: string, principal: Principal): Promise<Record<string, unknown>> {
    const found = await this.tasks.findWithInstance(id);
    if (!found) throw new DomainError(APP_ERRORS.taskNotFound, `Task ${id} does not exist`, { id });
    await requireTaskReadable(found.task, principal, this.tasks);
    return found.instance.state.variables;
  }

  /**
   * Refuses variables submitted to complete a task that do not fit its form (FORM_INVALID, 400,
   * `details.problems` = `[{ field, problem }]`); a task without a form of ours accepts any.
   */
  async validateCompletion(task: FormTask, state: InstanceState, variables: Record<string, unknown> | undefined): Promise<void> {
    const form = await this.formOf(task, state);
    if (form === undefined) return;
    const problems = validateFormSubmission(form.schema, variables ?? {}, state.variables);
    if (problems.length === 0) return;
    const named = problems.map(({ field, problem }) => `${field} ${problem}`).join('; ');
    throw new DomainError(FORM_ERRORS.invalid, `The form of task '${task.name ?? task.elementId}' is not filled in correctly: ${named}`, {
      id: task.id,
      problems,
    });
  }

  list(key?: string): Promise<FormSummary[]> {
    return this.forms.list(key);
  }

  async findById(id: string): Promise<FormWithSchema> {
    const form = await this.forms.findById(id);
    if (!form) throw new DomainError(FORM_ERRORS.notFound, `Form version ${id} does not exist`, { id });
    return form;
  }

  private async formOf(task: FormTask, state: InstanceState): Promise<ResolvedForm | undefined> {
    const { graph } = await this.versions.get(state.processVersionId);
    const node = graph.nodes[task.elementId];
    if (node?.type !== 'userTask') return undefined;
    if (node.form !== undefined) return { schema: node.form };
    const formId = referencedFormId(node.formKey);
    if (formId === undefined) return undefined;
    const deployed = await this.forms.latest(formId);
    // Deploy refuses a model naming a form that is not deployed, and forms are never removed.
    if (!deployed) throw new DomainError(FORM_ERRORS.notFound, `Task '${task.elementId}' names form '${formId}', which is not deployed`, { formId });
    return { schema: deployed.schema, deployed };
  }
}
