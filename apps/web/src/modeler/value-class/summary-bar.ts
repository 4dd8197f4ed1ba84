import type { ValueSummary } from '#bpmn';

export const formatMinutes = (minutes: number): string => (Number.isInteger(minutes) ? String(minutes) : minutes.toFixed(1));

const figure = (role: string, label: string, value: string, tone: string): string =>
  `<span class="figure figure-${tone}" data-figure="${role}"><span class="figure-value">${value}</span> <span class="figure-label">${label}</span></span>`;

/** The bar above the canvas: NVA steps and NVA standard minutes first, then the other classes. */
export const renderSummaryBar = (container: HTMLElement, summary: ValueSummary): void => {
  container.innerHTML = [
    figure('nva-steps', 'NVA steps', String(summary.nvaSteps), 'nva'),
    figure('nva-minutes', 'NVA standard minutes', formatMinutes(summary.nvaMinutes), 'nva'),
    figure('va', 'VA', String(summary.counts.VA), 'va'),
    figure('bva', 'BVA', String(summary.counts.BVA), 'bva'),
    figure('unclassified', 'unclassified', String(summary.unclassified), summary.unclassified > 0 ? 'unclassified' : 'muted'),
  ].join('');
};
