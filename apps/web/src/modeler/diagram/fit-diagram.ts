import type BaseViewer from 'bpmn-js/lib/BaseViewer';
import type Canvas from 'diagram-js/lib/core/Canvas';

const MARGIN = 24;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Shows `box` whole (never beyond 100%) and centred, leaving `reservedLeft` pixels free. Answers
 * false when the canvas has no size yet (its page is hidden): fit again once it is shown.
 */
const showBox = (canvas: Canvas, box: Box, reservedLeft: number): boolean => {
  const { outer } = canvas.viewbox();
  if (outer.width === 0 || outer.height === 0) return false;
  if (box.width === 0 || box.height === 0) return true;
  const scale = Math.min((outer.width - reservedLeft - 2 * MARGIN) / box.width, (outer.height - 2 * MARGIN) / box.height, 1);
  const freeWidth = (outer.width - reservedLeft) / scale;
  const freeHeight = outer.height / scale;
  canvas.viewbox({
    x: box.x - reservedLeft / scale - (freeWidth - box.width) / 2,
    y: box.y - (freeHeight - box.height) / 2,
    width: outer.width / scale,
    height: outer.height / scale,
  });
  return true;
};

const innerOf = (diagram: BaseViewer): Box => {
  const canvas = diagram.get<Canvas>('canvas');
  canvas.resized();
  return canvas.viewbox().inner;
};

/**
 * Zooms so the whole diagram fits, leaving `reservedLeft` pixels free: the modeler's palette floats
 * over the canvas's left edge and would hide the first steps otherwise.
 */
export const fitDiagram = (diagram: BaseViewer, reservedLeft = 0): boolean => showBox(diagram.get<Canvas>('canvas'), innerOf(diagram), reservedLeft);

/** Shows the same area on every diagram, large enough for each: versions of one process side by side line up. */
export const fitDiagramsTogether = (diagrams: readonly BaseViewer[]): boolean => {
  const boxes = diagrams.map(innerOf).filter((box) => box.width > 0 && box.height > 0);
  if (boxes.length === 0) return true;
  const x = Math.min(...boxes.map((box) => box.x));
  const y = Math.min(...boxes.map((box) => box.y));
  const union = {
    x,
    y,
    width: Math.max(...boxes.map((box) => box.x + box.width)) - x,
    height: Math.max(...boxes.map((box) => box.y + box.height)) - y,
  };
  return diagrams.map((diagram) => showBox(diagram.get<Canvas>('canvas'), union, 0)).every(Boolean);
};

/** Room for the modeler's palette (two columns of tools). */
export const PALETTE_WIDTH = 120;
