import type BaseViewer from 'bpmn-js/lib/BaseViewer';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type EventBus from 'diagram-js/lib/core/EventBus';
import { steppedScale } from './readable-scale.js';

const BUTTONS = [
  { action: 'zoom-in', label: 'Zoom in', text: '+' },
  { action: 'zoom-out', label: 'Zoom out', text: '−' },
  { action: 'zoom-fit', label: 'Fit to width', text: 'Fit' },
  { action: 'zoom-reset', label: 'Zoom to 100 %', text: '100%' },
] as const;

/**
 * Zoom buttons over the top-right corner of `host` (the element the diagram was created in), and
 * `data-zoom` on `host` kept at the current scale so tests and styles can read it. `fit` is the
 * page's own way of fitting (the compare page fits both sides together).
 */
export const addZoomControl = (host: HTMLElement, diagram: BaseViewer, fit: () => void): HTMLElement => {
  const canvas = diagram.get<Canvas>('canvas');
  const control = document.createElement('div');
  control.className = 'zoom-control';
  control.setAttribute('role', 'group');
  control.setAttribute('aria-label', 'Zoom');
  for (const { action, label, text } of BUTTONS) {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.action = action;
    button.setAttribute('aria-label', label);
    button.title = label;
    button.textContent = text;
    control.append(button);
  }
  // Zoom about the middle of what is on screen, so the part being looked at stays in view.
  const middle = (): { x: number; y: number } => {
    const { outer } = canvas.viewbox();
    return { x: outer.width / 2, y: outer.height / 2 };
  };
  control.addEventListener('click', (event) => {
    const action = (event.target as HTMLElement).closest<HTMLButtonElement>('button')?.dataset.action;
    if (action === 'zoom-in' || action === 'zoom-out') canvas.zoom(steppedScale(canvas.zoom(), action === 'zoom-in' ? 'in' : 'out'), middle());
    else if (action === 'zoom-fit') fit();
    else if (action === 'zoom-reset') canvas.zoom(1, middle());
  });
  host.append(control);
  const record = (): void => {
    const { outer } = canvas.viewbox();
    // A hidden canvas has no size and so no meaningful scale.
    if (outer.width > 0) host.dataset.zoom = canvas.zoom().toFixed(3);
  };
  diagram.get<EventBus>('eventBus').on('canvas.viewbox.changed', record);
  return control;
};
