import type { CandidateAnalysis, SequentialLook } from '../../api/experiments-types.js';
import { element } from '../../ui/dom.js';
import { dataTable, panel } from './data-table.js';
import { formatInstant, formatNumber, formatPercent, formatZ, lookCrossed } from './experiment-format.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 260;
const HEIGHT = 90;
const PAD = 6;
/** Early O'Brien-Fleming boundaries are huge (up to 8); the chart shows |z| up to this and clips the rest. */
const Z_SHOWN = 5;

const svg = (tag: string, attributes: Record<string, string | number>): SVGElement => {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
};

/** A small chart of each look's z (dots and line) between its ± boundaries (dashed), against the information fraction. */
const sparkline = (looks: readonly SequentialLook[]): SVGElement => {
  const maxX = Math.max(1, ...looks.map((look) => look.informationFraction));
  const x = (fraction: number) => PAD + ((WIDTH - 2 * PAD) * fraction) / maxX;
  const y = (z: number) => HEIGHT / 2 - ((HEIGHT / 2 - PAD) * Math.max(-Z_SHOWN, Math.min(Z_SHOWN, z))) / Z_SHOWN;
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: WIDTH, height: HEIGHT, class: 'looks-chart', role: 'img' });
  const title = svg('title', {});
  title.textContent = 'z of the primary metric at each look (solid) and the boundaries it must cross (dashed), by share of the planned cases';
  chart.append(title, svg('line', { x1: PAD, x2: WIDTH - PAD, y1: y(0), y2: y(0), class: 'looks-zero' }));
  chart.append(svg('line', { x1: x(1), x2: x(1), y1: PAD, y2: HEIGHT - PAD, class: 'looks-plan' }));
  const bounded = looks.filter((look) => look.boundary !== null);
  for (const sign of [1, -1]) {
    chart.append(svg('polyline', { points: bounded.map((look) => `${x(look.informationFraction)},${y(sign * look.boundary!)}`).join(' '), class: 'looks-boundary' }));
    // A tick per look, so a single look's boundary shows too.
    for (const look of bounded) {
      chart.append(svg('line', { x1: x(look.informationFraction) - 5, x2: x(look.informationFraction) + 5, y1: y(sign * look.boundary!), y2: y(sign * look.boundary!), class: 'looks-boundary-tick' }));
    }
  }
  chart.append(svg('polyline', { points: looks.map((look) => `${x(look.informationFraction)},${y(look.z)}`).join(' '), class: 'looks-z' }));
  for (const look of looks) chart.append(svg('circle', { cx: x(look.informationFraction), cy: y(look.z), r: lookCrossed(look) ? 4 : 2.5, class: lookCrossed(look) ? 'looks-dot crossed' : 'looks-dot' }));
  return chart;
};

/** The daily sequential looks of the primary metric: the chart and the table it is drawn from. */
export const looksPanel = (candidate: CandidateAnalysis): HTMLElement =>
  panel(
    'looks',
    'Sequential looks (primary metric)',
    candidate.looks.length === 0
      ? element('p', { class: 'empty' }, 'No look yet: both arms need ended cases.')
      : element(
          'div',
          { class: 'looks-body' },
          sparkline(candidate.looks),
          element('div', { class: 'table-scroll' },
            dataTable(
              'looks-table',
              ['Look', 'Data up to', 'Information', 'z', 'Boundary ±', 'Crossed'],
              candidate.looks.map((look, index) => ({
                attributes: { 'data-look': index + 1, 'data-crossed': String(lookCrossed(look)) },
                cells: [String(index + 1), formatInstant(look.at), formatPercent(look.informationFraction, 0), formatZ(look.z), formatNumber(look.boundary), lookCrossed(look) ? '✔ yes' : 'no'],
              })),
            ),
          ),
        ),
    element(
      'p',
      { class: 'panel-definition' },
      `One look per day since the start plus one now; O'Brien-Fleming alpha spending, so looking daily does not inflate false positives. Alpha spent: ${formatNumber(candidate.verdict.sequential.alphaSpent)}.`,
    ),
  );
