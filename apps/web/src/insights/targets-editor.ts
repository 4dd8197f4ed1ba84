import type { KpiTarget } from '../api/analytics-api.js';
import type { KpiFigure } from './kpi-tiles.js';

/** Shares are typed in percent, stored as fractions as the KPI report gives them; other units as they are. */
const toInput = (value: number | undefined, unit: KpiFigure['unit']): string =>
  value === undefined ? '' : String(unit === 'share' ? Math.round(value * 100 * 1000) / 1000 : value);

const fromInput = (text: string, unit: KpiFigure['unit']): number | undefined => {
  if (text.trim() === '') return undefined;
  const number = Number(text);
  return unit === 'share' ? number / 100 : number;
};

const UNIT_NAMES: Record<KpiFigure['unit'], string> = { share: '%', hours: 'h', currency: 'per case', score: 'score', count: 'count' };

/** A form with a baseline and a target input per KPI, filled with what is in force. */
export const renderTargetsForm = (form: HTMLFormElement, figures: readonly KpiFigure[], targets: Partial<Record<string, KpiTarget>>): void => {
  const rows = figures
    .filter((figure) => figure.direction !== 'none')
    .map((figure) => {
      const row = document.createElement('label');
      row.className = 'target-row';
      row.dataset.kpi = figure.key;
      row.dataset.unit = figure.unit;
      const name = document.createElement('span');
      name.textContent = `${figure.label} (${UNIT_NAMES[figure.unit]})`;
      const inputs = (['baseline', 'target'] as const).map((field) => {
        const input = document.createElement('input');
        input.type = 'number';
        input.step = 'any';
        input.name = field;
        input.placeholder = field;
        input.setAttribute('aria-label', `${figure.label} ${field}`);
        input.value = toInput(targets[figure.key]?.[field], figure.unit);
        return input;
      });
      row.append(name, ...inputs);
      return row;
    });
  const save = document.createElement('button');
  save.type = 'submit';
  save.className = 'primary';
  save.textContent = 'Save baselines and targets';
  form.replaceChildren(...rows, save);
};

/** What the form holds, as PUT /api/analytics/kpi-targets/{processKey} takes it. */
export const readTargetsForm = (form: HTMLFormElement): Record<string, KpiTarget> => {
  const targets: Record<string, KpiTarget> = {};
  for (const row of form.querySelectorAll<HTMLElement>('.target-row')) {
    const unit = row.dataset.unit as KpiFigure['unit'];
    const target: KpiTarget = {};
    for (const input of row.querySelectorAll<HTMLInputElement>('input')) {
      const value = fromInput(input.value, unit);
      if (value !== undefined) target[input.name as keyof KpiTarget] = value;
    }
    if (Object.keys(target).length > 0) targets[row.dataset.kpi!] = target;
  }
  return targets;
};
