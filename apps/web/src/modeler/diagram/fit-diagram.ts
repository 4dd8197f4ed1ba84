import type BaseViewer from 'bpmn-js/lib/BaseViewer';
import type Canvas from 'diagram-js/lib/core/Canvas';

const MARGIN = 24;

/**
 * Zooms so the whole diagram fits (never beyond 100%), leaving `reservedLeft` pixels free: the
 * modeler's palette floats over the canvas's left edge and would hide the first steps otherwise.
 * Answers false when the canvas has no size yet (its page is hidden): fit again once it is shown.
 */
export const fitDiagram = (diagram: BaseViewer, reservedLeft = 0): boolean => {
  const canvas = diagram.get<Canvas>('canvas');
  canvas.resized();
  const { inner, outer } = canvas.viewbox();
  if (outer.width === 0 || outer.height === 0) return false;
  if (inner.width === 0 || inner.height === 0) return true;
  const scale = Math.min(
    (outer.width - reservedLeft - 2 * MARGIN) / inner.width,
    (outer.height - 2 * MARGIN) / inner.height,
    1,
  );
  // Centre the diagram in the free area.
  const freeWidth = (outer.width - reservedLeft) / scale;
  const freeHeight = outer.height / scale;
  canvas.viewbox({
    x: inner.x - reservedLeft / scale - (freeWidth - inner.width) / 2,
    y: inner.y - (freeHeight - inner.height) / 2,
    width: outer.width / scale,
    height: outer.height / scale,
  });
  return true;
};

/** Room for the modeler's palette (two columns of tools). */
export const PALETTE_WIDTH = 120;
