import type { CandidateAnalysis, AnalysisLook } from '../../api/experiments-types.js';
import { element } from '../../ui/dom.js';
import { dataTable, panel } from './data-table.js';
import { formatDay, formatInstant, formatNumber, formatZ, lookCrossed, metricLabel } from './experiment-format.js';
import { informationText, lookGaps, lookGapsText, planReachedLook } from './plan-progress.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 560;
const HEIGHT = 230;
const MARGIN = { left: 46, right: 14, top: 12, bottom: 44 };
/** Early O'Brien-Fleming boundaries reach 8; beyond this |z| the chart clips (and says so on the point). */
const Z_CAP = 8;
const DAY_MS = 86_400_000;

const svg = (tag: string, attributes: Record<string, string | number>, text?: string): SVGElement => {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
};

export interface LooksContext {
  primaryMetric: string;
  /** epoch ms the experiment started; the looks are cut at whole days after it */
  startedAtMs: number | undefined;
  /** epoch ms of the analysis (the last look's cut-off) */
  untilMs: number;
}

/** Instants for the x axis: up to six, evenly spread, labelled by day (or by time within a day or two). */
const timeTicks = (from: number, to: number): Array<{ at: number; label: string }> => {
  const span = Math.max(to - from, 1);
  const count = Math.min(6, Math.max(2, Math.round(span / DAY_MS) + 1));
  const byDay = span >= 2 * DAY_MS;
  // Within an hour the minutes repeat: seconds tell the ticks apart.
  const clock = span < 3_600_000 ? [11, 19] : [11, 16];
  return Array.from({ length: count }, (_, i) => {
    const at = from + (span * i) / (count - 1);
    return { at, label: byDay ? formatDay(at) : new Date(at).toISOString().slice(clock[0], clock[1]) };
  });
};

/** The looks as a chart: x the look's date, y its z, the ± boundary dashed, the observed z as points, the plan marked. */
const looksChart = (looks: readonly AnalysisLook[], context: LooksContext): SVGElement => {
  const from = Math.min(context.startedAtMs ?? looks[0].at - DAY_MS, looks[0].at);
  const to = Math.max(looks[looks.length - 1].at, from + 1);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const largest = Math.max(2.5, ...looks.flatMap((look) => [Math.abs(look.z), look.boundary ?? 0]).filter(Number.isFinite));
  const step = largest > 4 ? 2 : 1;
  // A whole number of steps each side, so the ticks fall on 0, ±step, ±2 step…
  const zMax = Math.min(Z_CAP, Math.ceil(largest / step) * step);
  const x = (at: number) => MARGIN.left + (plotWidth * (at - from)) / (to - from);
  const y = (z: number) => MARGIN.top + (plotHeight * (zMax - Math.max(-zMax, Math.min(zMax, z)))) / (2 * zMax);
  const bottom = MARGIN.top + plotHeight;
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'looks-chart', role: 'img', 'aria-labelledby': 'looks-chart-title', 'data-role': 'looks-chart' });
  chart.append(
    svg('title', { id: 'looks-chart-title' }, `z of ${metricLabel(context.primaryMetric).toLowerCase()} at each look against the ± boundary it must cross, by look date`),
  );

  const yAxis = svg('g', { class: 'looks-axis', 'data-axis': 'y' });
  yAxis.append(svg('line', { x1: MARGIN.left, x2: MARGIN.left, y1: MARGIN.top, y2: bottom, class: 'axis-line' }));
  for (let z = -zMax; z <= zMax; z += step) {
    yAxis.append(svg('line', { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(z), y2: y(z), class: z === 0 ? 'looks-zero' : 'grid-line' }));
    yAxis.append(svg('text', { x: MARGIN.left - 5, y: y(z) + 4, class: 'tick-label', 'text-anchor': 'end' }, z > 0 ? `+${z}` : String(z).replace('-', '−')));
  }
  yAxis.append(
    svg(
      'text',
      { x: 12, y: MARGIN.top + plotHeight / 2, class: 'axis-title', 'text-anchor': 'middle', transform: `rotate(-90 12 ${MARGIN.top + plotHeight / 2})` },
      'z (candidate vs baseline)',
    ),
  );

  const xAxis = svg('g', { class: 'looks-axis', 'data-axis': 'x' });
  xAxis.append(svg('line', { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: bottom, y2: bottom, class: 'axis-line' }));
  const ticks = timeTicks(from, to);
  ticks.forEach((tick, i) => {
    // The end labels stay inside the chart.
    const anchor = i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle';
    xAxis.append(svg('line', { x1: x(tick.at), x2: x(tick.at), y1: bottom, y2: bottom + 4, class: 'axis-line' }));
    xAxis.append(svg('text', { x: x(tick.at), y: bottom + 16, class: 'tick-label', 'text-anchor': anchor }, tick.label));
  });
  xAxis.append(svg('text', { x: MARGIN.left + plotWidth / 2, y: HEIGHT - 6, class: 'axis-title', 'text-anchor': 'middle' }, 'look date (UTC, data up to)'));
  chart.append(yAxis, xAxis);

  const reached = planReachedLook(looks);
  if (reached !== -1) {
    const at = x(looks[reached].at);
    chart.append(svg('line', { x1: at, x2: at, y1: MARGIN.top, y2: bottom, class: 'looks-plan', 'data-role': 'looks-plan' }));
    chart.append(svg('text', { x: at - 4, y: MARGIN.top + 10, class: 'tick-label', 'text-anchor': 'end' }, 'plan reached'));
  }

  const bounded = looks.filter((look) => look.boundary !== null);
  for (const sign of [1, -1]) {
    const boundary = svg('g', { class: 'looks-boundary', 'data-role': 'looks-boundary', 'data-side': sign > 0 ? 'upper' : 'lower' });
    if (bounded.length > 1) boundary.append(svg('polyline', { points: bounded.map((look) => `${x(look.at)},${y(sign * look.boundary!)}`).join(' ') }));
    // A tick per look, so a single look's boundary shows too.
    for (const look of bounded) boundary.append(svg('line', { x1: x(look.at) - 6, x2: x(look.at) + 6, y1: y(sign * look.boundary!), y2: y(sign * look.boundary!) }));
    chart.append(boundary);
  }
  const lastBounded = bounded[bounded.length - 1];
  if (lastBounded)
    chart.append(
      svg(
        'text',
        { x: x(lastBounded.at) - 8, y: y(lastBounded.boundary!) - 5, class: 'tick-label boundary-label', 'text-anchor': 'end' },
        `boundary ±${formatNumber(lastBounded.boundary)}`,
      ),
    );

  chart.append(svg('polyline', { points: looks.map((look) => `${x(look.at)},${y(look.z)}`).join(' '), class: 'looks-z' }));
  looks.forEach((look, index) => {
    const crossed = lookCrossed(look);
    const offScale = Math.abs(look.z) > zMax;
    const dot = svg('circle', {
      cx: x(look.at),
      cy: y(look.z),
      r: crossed ? 5 : 3.5,
      class: `looks-dot${crossed ? ' crossed' : ''}${offScale ? ' off-scale' : ''}`,
      'data-look': index + 1,
    });
    dot.append(
      svg(
        'title',
        {},
        `look ${index + 1}, ${formatInstant(look.at)}: z ${formatZ(look.z)}${offScale ? ' (beyond the chart)' : ''}, boundary ±${formatNumber(look.boundary)}${crossed ? ', crossed' : ''}`,
      ),
    );
    chart.append(dot);
  });
  return chart;
};

/** The sequential looks of the primary metric: the chart with its caption, and the table it is drawn from. */
export const looksPanel = (candidate: CandidateAnalysis, context: LooksContext): HTMLElement => {
  const { looks } = candidate;
  const gaps = context.startedAtMs === undefined ? '' : lookGapsText(lookGaps(looks, context.startedAtMs, context.untilMs));
  return panel(
    'looks',
    'Sequential looks (primary metric)',
    looks.length === 0
      ? element('p', { class: 'empty' }, 'No look yet: both arms need ended cases.')
      : element(
          'div',
          { class: 'looks-body' },
          element(
            'figure',
            { class: 'looks-figure' },
            looksChart(looks, context),
            element(
              'figcaption',
              { 'data-role': 'looks-caption' },
              `Dots: the z of ${metricLabel(context.primaryMetric).toLowerCase()} at each look, larger and outlined where it crossed (hollow: beyond the chart's scale); dashed: the ± boundary it must cross. `,
              gaps || 'Every day since the start has its look.',
            ),
          ),
          element(
            'div',
            { class: 'table-scroll' },
            dataTable(
              'looks-table',
              ['Look', 'Data up to', 'Information', 'z', 'Boundary ±', 'Crossed'],
              looks.map((look, index) => ({
                attributes: { 'data-look': index + 1, 'data-crossed': String(lookCrossed(look)) },
                cells: [
                  String(index + 1),
                  formatInstant(look.at),
                  informationText(look.informationFraction),
                  formatZ(look.z),
                  formatNumber(look.boundary),
                  lookCrossed(look) ? '✔ yes' : 'no',
                ],
              })),
            ),
          ),
        ),
    element(
      'p',
      { class: 'panel-definition' },
      `A look at the end of each day since the start that brought new ended cases to both arms, and one at the analysis, until the plan is reached; O'Brien-Fleming alpha spending, so looking daily does not inflate false positives. Alpha spent: ${formatNumber(candidate.verdict.sequential.alphaSpent)}.`,
    ),
  );
};
