/**
 * Refused simulation parameters shown where they were entered: each problem the API names
 * (`arrivals.perDay`, `pools[1].size`, `durations.Task_X.mean`) goes under the input marked
 * `data-field` with that path, or the nearest enclosing one (`pools[1].hours.days` under the
 * pool's hours); problems no input holds are listed apart.
 */
import { ApiError } from '../../api/api-error.js';
import type { SimulationProblem } from '../../api/simulations-types.js';
import { element } from '../../ui/dom.js';

/** The problems an API error names: `details.problems` of refused parameters, or the one `details.field` of a too large request. */
export const problemsOfError = (error: unknown): SimulationProblem[] => {
  if (!(error instanceof ApiError)) return [];
  const { details } = error;
  if (Array.isArray(details?.problems)) {
    const seen = new Set<string>();
    // Both versions of a comparison are checked: the same problem comes back once per version.
    return (details.problems as SimulationProblem[]).filter(({ field, message }) => !seen.has(`${field}\n${message}`) && Boolean(seen.add(`${field}\n${message}`)));
  }
  return typeof details?.field === 'string' ? [{ field: details.field, message: error.message }] : [];
};

/** The request body nests the parameters; the inputs are named by the path inside them. */
const inputPath = (field: string): string => field.replace(/^parameters\./, '');

/** `a.b[2].c` -> `a.b[2]` -> `a.b` -> `a`. */
const parentPath = (path: string): string | undefined => {
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  return cut > 0 ? path.slice(0, cut) : undefined;
};

export const clearFieldProblems = (root: HTMLElement): void => {
  for (const message of root.querySelectorAll('[data-role="field-problem"]')) message.remove();
  for (const input of root.querySelectorAll('[aria-invalid="true"]')) input.removeAttribute('aria-invalid');
};

/** Shows each problem at its input; answers the problems no input on the page holds. */
export const showFieldProblems = (root: HTMLElement, problems: readonly SimulationProblem[]): SimulationProblem[] => {
  clearFieldProblems(root);
  const unplaced: SimulationProblem[] = [];
  for (const problem of problems) {
    let input: HTMLElement | null = null;
    for (let path: string | undefined = inputPath(problem.field); path !== undefined && input === null; path = parentPath(path)) {
      input = root.querySelector<HTMLElement>(`[data-field="${CSS.escape(path)}"]`);
    }
    if (input === null) {
      unplaced.push(problem);
      continue;
    }
    input.setAttribute('aria-invalid', 'true');
    // The simulator's messages start with the field's own name ("perDay must be ..."): shown as written.
    const message = element('div', { class: 'prediction-field-error', 'data-role': 'field-problem', 'data-field': problem.field }, problem.message);
    input.insertAdjacentElement('afterend', message);
  }
  return unplaced;
};
