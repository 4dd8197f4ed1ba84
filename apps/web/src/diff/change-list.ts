import type { ChangedElement, DiffElement, ProcessDiff, ValueClassChange, ValueSummary } from '#bpmn';
import { formatMinutes } from '../modeler/value-class/summary-bar.js';
import { describeChange, signed, typeLabel } from './change-format.js';

interface Figure {
  role: string;
  label: string;
  tone: string;
  of(summary: ValueSummary): number;
  format?(value: number): string;
}

const FIGURES: readonly Figure[] = [
  { role: 'nva-steps', label: 'NVA steps', tone: 'nva', of: (summary) => summary.nvaSteps },
  { role: 'nva-minutes', label: 'NVA standard minutes', tone: 'nva', of: (summary) => summary.nvaMinutes, format: formatMinutes },
  { role: 'va', label: 'VA steps', tone: 'va', of: (summary) => summary.counts.VA },
  { role: 'bva', label: 'BVA steps', tone: 'bva', of: (summary) => summary.counts.BVA },
  { role: 'unclassified', label: 'unclassified', tone: 'unclassified', of: (summary) => summary.unclassified },
];

const span = (className: string, text: string): HTMLSpanElement => {
  const element = document.createElement('span');
  element.className = className;
  element.textContent = text;
  return element;
};

/** The value figures before and after, with the change: the NVA figures first. */
export const renderDiffFigures = (container: HTMLElement, values: ProcessDiff['values']): void => {
  container.replaceChildren();
  for (const figure of FIGURES) {
    const format = figure.format ?? String;
    const before = figure.of(values.before);
    const after = figure.of(values.after);
    const item = document.createElement('span');
    item.className = `figure figure-${figure.tone}`;
    item.dataset.figure = figure.role;
    item.dataset.delta = String(after - before);
    const delta = span(`figure-delta ${after < before ? 'figure-down' : after > before ? 'figure-up' : ''}`.trim(), signed(after - before, format));
    item.append(span('figure-label', figure.label), ' ', span('figure-before', format(before)), ' → ', span('figure-value', format(after)), ' ', delta);
    container.append(item);
  }
};

export type ElementChoice = (elementId: string) => void;

const elementLabel = (element: { id: string; name?: string }): string => (element.name ? `${element.name} (${element.id})` : element.id);

const listItem = (elementId: string, change: string, onChoose: ElementChoice, ...content: (Node | string)[]): HTMLLIElement => {
  const item = document.createElement('li');
  item.className = `diff-item diff-item-${change}`;
  item.dataset.element = elementId;
  item.dataset.change = change;
  item.tabIndex = 0;
  item.append(...content);
  item.addEventListener('click', () => onChoose(elementId));
  item.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') onChoose(elementId);
  });
  return item;
};

const section = (role: string, title: string, items: HTMLLIElement[]): HTMLElement => {
  const element = document.createElement('section');
  element.className = 'diff-section';
  element.dataset.list = role;
  const heading = document.createElement('h3');
  heading.textContent = `${title} (${items.length})`;
  const list = document.createElement('ul');
  list.append(...items);
  if (items.length === 0) list.append(span('empty', 'none'));
  element.append(heading, list);
  return element;
};

const classLabel = (valueClass: string | null): string => valueClass ?? 'none';

const valueClassItem = (change: ValueClassChange, onChoose: ElementChoice): HTMLLIElement =>
  listItem(
    change.id,
    change.element,
    onChoose,
    span('diff-element', elementLabel(change)),
    ' ',
    span(`diff-class diff-class-${classLabel(change.before).toLowerCase()}`, classLabel(change.before)),
    ' → ',
    span(`diff-class diff-class-${classLabel(change.after).toLowerCase()}`, classLabel(change.after)),
    ' ',
    span('diff-note', change.element === 'changed' ? 'reclassified' : `step ${change.element}`),
  );

const elementItem = (element: DiffElement, change: 'added' | 'removed', onChoose: ElementChoice): HTMLLIElement =>
  listItem(
    element.id,
    change,
    onChoose,
    span('diff-element', elementLabel(element)),
    ' ',
    span('diff-type', typeLabel(element.type)),
    ...(element.valueClass ? [' ', span(`diff-class diff-class-${element.valueClass.toLowerCase()}`, element.valueClass)] : []),
  );

const changedItem = (element: ChangedElement, onChoose: ElementChoice): HTMLLIElement => {
  const properties = document.createElement('ul');
  properties.className = 'diff-properties';
  for (const change of element.changes) {
    const property = document.createElement('li');
    property.dataset.property = change.property;
    property.textContent = describeChange(change);
    properties.append(property);
  }
  return listItem(element.id, 'changed', onChoose, span('diff-element', elementLabel(element)), ' ', span('diff-type', typeLabel(element.type)), properties);
};

/** The changes as lists: value-class changes first (they explain the NVA figures), then removed, added, changed. */
export const renderChangeList = (container: HTMLElement, diff: ProcessDiff, onChoose: ElementChoice): void => {
  container.replaceChildren(
    section(
      'value-classes',
      'Value-class changes',
      diff.valueClassChanges.map((change) => valueClassItem(change, onChoose)),
    ),
    section(
      'removed',
      'Removed',
      diff.removed.map((element) => elementItem(element, 'removed', onChoose)),
    ),
    section(
      'added',
      'Added',
      diff.added.map((element) => elementItem(element, 'added', onChoose)),
    ),
    section(
      'changed',
      'Changed',
      diff.changed.map((element) => changedItem(element, onChoose)),
    ),
  );
};
