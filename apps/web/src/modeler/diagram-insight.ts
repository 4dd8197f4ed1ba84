import type { Problem } from '#bpmn';
import type BaseViewer from 'bpmn-js/lib/BaseViewer';
import { centerElement } from './diagram/center-element.js';
import { validateDiagram } from './validation/diagram-problems.js';
import { renderProblemList, type ProblemListSource } from './validation/problem-list.js';
import { showProblemOverlays } from './validation/problem-overlays.js';
import { renderSummaryBar } from './value-class/summary-bar.js';
import { showValueClasses } from './value-class/value-class-markers.js';

export interface InsightTargets {
  summary: HTMLElement;
  /** Absent for read-only views, which show the value classes only. */
  problems?: HTMLElement;
  /** Pixels on the canvas's left that a palette covers: a revealed element is centred right of them. */
  reservedLeft?: number;
}

/** Selects an element and centres it in the visible canvas (right of `reservedLeft`): where a problem in the list points. */
export const revealElement = (diagram: BaseViewer, elementId: string, reservedLeft = 0): void => centerElement(diagram, elementId, reservedLeft);

/**
 * Validates the diagram with the server's rules and redraws what follows from it: value-class
 * markers, the summary bar, problem badges and the problem list. `extra` are problems the browser
 * cannot find itself (import warnings, a refused deployment's list).
 */
export const refreshInsight = (diagram: BaseViewer, targets: InsightTargets, extra: ProblemListSource | undefined): Problem[] => {
  const live = validateDiagram(diagram);
  const shown: ProblemListSource = extra?.origin === 'deploy' ? extra : { origin: 'live', problems: [...(extra?.problems ?? []), ...live] };
  renderSummaryBar(targets.summary, showValueClasses(diagram));
  if (targets.problems) {
    showProblemOverlays(diagram, shown.problems);
    renderProblemList(targets.problems, shown, (elementId) => revealElement(diagram, elementId, targets.reservedLeft));
  }
  return shown.problems as Problem[];
};
