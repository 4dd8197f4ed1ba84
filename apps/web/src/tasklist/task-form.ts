import { Form } from '@bpmn-io/form-js';
import '@bpmn-io/form-js/dist/assets/form-js.css';
import type { FieldProblem, FormSchema } from '#bpmn';
import { literalTextModule } from './literal-text-field.js';

interface RegisteredField {
  id: string;
  key?: string;
  path?: string;
}

interface FieldRegistry {
  getAll(): RegisteredField[];
}

/**
 * A task's form-js form, prefilled with the case's variables. The viewer checks what it can as the
 * agent types; what the server still refuses (FORM_INVALID) is shown under the field it names.
 */
export class TaskForm {
  private readonly form: Form;

  private listener: ((data: Record<string, unknown>) => void) | undefined;

  constructor(private readonly container: HTMLElement) {
    // No debounce: form-js holds a keystroke back for 300 ms, and a render of the form meanwhile
    // (the first validation of every prefilled field, ~0.3 s after opening) put the field's old value
    // back, so what was typed in the first half second was wiped (issue 21).
    // (`debounce` is read from the viewer's config, which its typings leave out.)
    const options = { container, additionalModules: [literalTextModule], debounce: false };
    this.form = new Form(options);
    this.form.on('changed', (event: { data: Record<string, unknown> }) => this.listener?.(event.data));
  }

  /** Shows the form with these values; `onTyped` then hears every change the agent makes. */
  async show(schema: FormSchema, variables: Record<string, unknown>, onTyped?: (data: Record<string, unknown>) => void): Promise<void> {
    this.clearProblems();
    this.listener = undefined;
    await this.form.importSchema(schema, variables);
    const imported = JSON.stringify(this.form._getState().data);
    this.listener =
      onTyped &&
      ((data) => {
        // form-js also reports its own renders (validation): only a change of the values is the agent's.
        if (JSON.stringify(data) !== imported) onTyped(data);
      });
  }

  /** The values to complete with, or undefined when the viewer found errors (it shows them itself). */
  values(): Record<string, unknown> | undefined {
    this.clearProblems();
    const { data, errors } = this.form.submit();
    return Object.keys(errors).length > 0 ? undefined : (data as Record<string, unknown>);
  }

  /** Shows each problem under its field; answers the problems naming no field of the form. */
  showProblems(problems: readonly FieldProblem[]): FieldProblem[] {
    this.clearProblems();
    const fields = this.form.get<FieldRegistry>('formFieldRegistry').getAll();
    const unplaced: FieldProblem[] = [];
    for (const problem of problems) {
      // `items[0].sku` and `address.city` belong to the field keyed by their first segment at the top level.
      const key = problem.field.replace(/\[\d+\].*$/, '');
      const field = fields.find((candidate) => candidate.key === key || candidate.path === key) ?? fields.find((candidate) => candidate.key === key.split('.')[0]);
      const element = field && this.fieldElement(field.id);
      if (!element) {
        unplaced.push(problem);
        continue;
      }
      const message = document.createElement('div');
      message.className = 'server-field-error';
      message.dataset.role = 'field-problem';
      message.dataset.field = problem.field;
      // Under its own field the problem needs no field name: "Must be at most 3000".
      message.textContent = problem.problem.charAt(0).toUpperCase() + problem.problem.slice(1);
      element.classList.add('has-server-error');
      element.append(message);
      element.querySelector<HTMLElement>('input, textarea, select')?.setAttribute('aria-invalid', 'true');
    }
    return unplaced;
  }

  destroy(): void {
    this.form.destroy();
  }

  /** The viewer ids a field's inputs `fjs-form-<form id>-<field id>` (options add `-<n>`); the field's box holds them. */
  private fieldElement(fieldId: string): HTMLElement | null {
    const domId = CSS.escape(`fjs-form-${this.form._id}-${fieldId}`);
    return this.container.querySelector(`[id="${domId}"], [id^="${domId}-"]`)?.closest<HTMLElement>('.fjs-form-field') ?? null;
  }

  private clearProblems(): void {
    for (const message of this.container.querySelectorAll('[data-role="field-problem"]')) message.remove();
    for (const element of this.container.querySelectorAll('.has-server-error')) element.classList.remove('has-server-error');
  }
}
