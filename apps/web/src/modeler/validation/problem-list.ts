import type { Problem } from '#bpmn';

export interface ProblemListSource {
  /** Live validation in the browser, or the server's answer to a refused deployment. */
  origin: 'live' | 'deploy';
  problems: readonly Problem[];
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Errors first, then by element, so related findings sit together. */
const ordered = (problems: readonly Problem[]): Problem[] =>
  [...problems].sort((a, b) => Number(b.severity === 'error') - Number(a.severity === 'error') || (a.elementId ?? '').localeCompare(b.elementId ?? ''));

/**
 * The list under the canvas. Clicking a problem that names an element calls `onSelect` with its id.
 * Text goes in through textContent: messages quote element names the designer typed.
 */
export const renderProblemList = (container: HTMLElement, source: ProblemListSource, onSelect: (elementId: string) => void): void => {
  const errors = source.problems.filter((problem) => problem.severity === 'error').length;
  const warnings = source.problems.length - errors;
  container.replaceChildren();
  container.dataset.errors = String(errors);
  container.dataset.warnings = String(warnings);
  container.dataset.origin = source.origin;

  const heading = document.createElement('h2');
  heading.className = 'problems-heading';
  heading.textContent =
    source.problems.length === 0
      ? 'No problems: the model passes the deploy-time checks'
      : `${plural(errors, 'error')}, ${plural(warnings, 'warning')}` + (source.origin === 'deploy' ? ': the engine refused the deployment' : '');
  container.append(heading);

  const list = document.createElement('ul');
  list.className = 'problem-list';
  for (const problem of ordered(source.problems)) {
    const item = document.createElement('li');
    item.className = `problem problem-${problem.severity}`;
    item.dataset.severity = problem.severity;
    item.dataset.rule = problem.rule;
    if (problem.elementId !== null) item.dataset.element = problem.elementId;
    const severity = document.createElement('span');
    severity.className = 'problem-severity';
    severity.textContent = problem.severity;
    const message = document.createElement('span');
    message.className = 'problem-message';
    message.textContent = problem.message;
    const rule = document.createElement('span');
    rule.className = 'problem-rule';
    rule.textContent = problem.rule;
    item.append(severity, message, rule);
    if (problem.elementId !== null) {
      const elementId = problem.elementId;
      item.tabIndex = 0;
      item.title = `Select ${elementId}`;
      item.addEventListener('click', () => onSelect(elementId));
      item.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') onSelect(elementId);
      });
    }
    list.append(item);
  }
  container.append(list);
};
