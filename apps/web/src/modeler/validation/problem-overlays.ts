import type { Problem } from '#bpmn';
import type BaseViewer from 'bpmn-js/lib/BaseViewer';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';

const OVERLAY_TYPE = 'tandem-problem';
const MARKERS = ['tandem-problem-error', 'tandem-problem-warning'];

/** Problems by the element they name; document-level ones (no element on the canvas) stay in the list only. */
const byElement = (problems: readonly Problem[]): Map<string, Problem[]> => {
  const groups = new Map<string, Problem[]>();
  for (const problem of problems) {
    if (problem.elementId === null) continue;
    groups.set(problem.elementId, [...(groups.get(problem.elementId) ?? []), problem]);
  }
  return groups;
};

/** A badge on each element with problems (red for errors, amber for warnings only), its messages as the tooltip. */
export const showProblemOverlays = (diagram: BaseViewer, problems: readonly Problem[]): void => {
  const overlays = diagram.get<Overlays>('overlays');
  const canvas = diagram.get<Canvas>('canvas');
  const registry = diagram.get<ElementRegistry>('elementRegistry');
  overlays.remove({ type: OVERLAY_TYPE });
  for (const element of registry.getAll()) {
    for (const marker of MARKERS) canvas.removeMarker(element.id, marker);
  }
  for (const [elementId, elementProblems] of byElement(problems)) {
    if (!registry.get(elementId)) continue;
    const severity = elementProblems.some((problem) => problem.severity === 'error') ? 'error' : 'warning';
    const node = document.createElement('span');
    node.className = `tandem-problem-badge tandem-problem-badge-${severity}`;
    node.dataset.element = elementId;
    node.dataset.severity = severity;
    node.title = elementProblems.map((problem) => problem.message).join('\n');
    node.textContent = String(elementProblems.length);
    overlays.add(elementId, OVERLAY_TYPE, { position: { top: -11, right: 6 }, html: node });
    canvas.addMarker(elementId, `tandem-problem-${severity}`);
  }
};
