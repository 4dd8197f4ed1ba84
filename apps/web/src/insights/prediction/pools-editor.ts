/**
 * The team a prediction runs with: one row per pool (its id is the candidate group it works), its
 * number of agents and when they work, with where the size comes from (the history's team after a
 * calibration, a default, or the analyst). Rows can be added and removed; the sizes are what a
 * "what if the team is smaller" question changes.
 */
import type { PoolSpec } from '../../api/simulations-types.js';
import { element } from '../../ui/dom.js';

export const HOURS_PRESETS = {
  office: { label: 'office hours Mon–Fri 8–18 (UTC)', hours: { days: [1, 2, 3, 4, 5], from: 8, to: 18 } },
  always: { label: 'around the clock', hours: undefined },
} as const;
export type HoursPreset = keyof typeof HOURS_PRESETS;

export interface PoolRow {
  id: string;
  size: number;
  preset: HoursPreset;
  /** where the size comes from, e.g. "history: at most 3 at once within an hour (...)" */
  source: string;
  /** the analyst changed the size: a new calibration leaves it */
  edited?: boolean;
}

export const EDITED_SOURCE = 'set on this page';

const row = (pool: PoolRow, index: number): HTMLTableRowElement => {
  const hours = element(
    'select',
    { 'data-field': `pools[${index}].hours`, 'data-role': 'pool-hours', 'aria-label': `Working hours of pool ${index + 1}` },
    ...Object.entries(HOURS_PRESETS).map(([preset, { label }]) => element('option', { value: preset, selected: preset === pool.preset }, label)),
  );
  return element(
    'tr',
    { 'data-role': 'pool-row', 'data-edited': pool.edited ? 'true' : undefined },
    element(
      'td',
      {},
      element('input', { type: 'text', value: pool.id, size: 14, 'data-field': `pools[${index}].id`, 'data-role': 'pool-id', 'aria-label': `Pool ${index + 1} (candidate group)` }),
    ),
    element(
      'td',
      {},
      element('input', {
        type: 'number',
        min: 0,
        step: 1,
        value: String(pool.size),
        class: 'prediction-number',
        'data-field': `pools[${index}].size`,
        'data-role': 'pool-size',
        'aria-label': `Agents in pool ${index + 1}`,
      }),
    ),
    element('td', {}, hours),
    element('td', { class: 'value-source', 'data-role': 'pool-size-source' }, pool.source),
    element('td', {}, element('button', { type: 'button', 'data-action': 'remove-pool', 'aria-label': `Remove pool ${index + 1}` }, 'Remove')),
  );
};

/** Fills the editor's body with these rows (indices in the field names follow the order). */
export const renderPools = (body: HTMLElement, pools: readonly PoolRow[]): void => {
  body.replaceChildren(...pools.map(row));
};

export const readPoolRows = (body: HTMLElement): PoolRow[] =>
  [...body.querySelectorAll<HTMLTableRowElement>('[data-role="pool-row"]')].map((tr) => ({
    id: tr.querySelector<HTMLInputElement>('[data-role="pool-id"]')!.value.trim(),
    size: tr.querySelector<HTMLInputElement>('[data-role="pool-size"]')!.valueAsNumber,
    preset: tr.querySelector<HTMLSelectElement>('[data-role="pool-hours"]')!.value as HoursPreset,
    source: tr.querySelector('[data-role="pool-size-source"]')!.textContent ?? '',
    edited: tr.dataset.edited === 'true',
  }));

/** The pools as the simulator takes them; an empty size is NaN, which JSON sends as null for the API to name. */
export const poolSpecs = (rows: readonly PoolRow[]): PoolSpec[] =>
  rows.map(({ id, size, preset }) => {
    const hours = HOURS_PRESETS[preset].hours;
    return { id, size, ...(hours && { hours: { ...hours, days: [...hours.days] } }) };
  });

/** Removing a row from the middle renumbers the rest, so their field names stay the API's indices. */
export const wirePoolsEditor = (body: HTMLElement, addButton: HTMLElement): void => {
  body.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest('[data-action="remove-pool"]');
    if (!button) return;
    const rows = readPoolRows(body);
    rows.splice([...body.children].indexOf(button.closest('tr')!), 1);
    renderPools(body, rows);
  });
  body.addEventListener('input', (event) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-role="pool-row"]');
    if (!row || !(event.target as HTMLElement).matches('[data-role="pool-size"]')) return;
    row.dataset.edited = 'true';
    row.querySelector('[data-role="pool-size-source"]')!.textContent = EDITED_SOURCE;
  });
  addButton.addEventListener('click', () => renderPools(body, [...readPoolRows(body), { id: '', size: 1, preset: 'office', source: EDITED_SOURCE, edited: true }]));
};
