import type BaseViewer from 'bpmn-js/lib/BaseViewer';
import type Canvas from 'diagram-js/lib/core/Canvas';

import { readableScale } from './readable-scale.js';

const MARGIN = 24;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Shows `box` at a readable scale (its width in the room left of `reservedLeft`, at least
 * MIN_READABLE_SCALE, at most 100 %): centred when it fits, else from its top-left corner so the
 * process starts on screen and the rest is a scroll away. Answers false when the canvas has no
 * size yet (its page is hidden): fit again once it is shown.
 */
const showBox = (canvas: Canvas, box: Box, reservedLeft: number): boolean => {
  const { outer } = canvas.viewbox();
  if (outer.width === 0 || outer.height === 0) return false;
  if (box.width === 0 || box.height === 0) return true;
  const scale = readableScale(outer.width - reservedLeft - 2 * MARGIN, box.width);
  const freeWidth = (outer.width - reservedLeft) / scale;
  const freeHeight = outer.height / scale;
  const margin = MARGIN / scale;
  const fitsAcross = box.width + 2 * margin <= freeWidth;
  const fitsDown = box.height + 2 * margin <= freeHeight;
  canvas.viewbox({
    x: box.x - reservedLeft / scale - (fitsAcross ? (freeWidth - box.width) / 2 : margin),
    y: box.y - (fitsDown ? (freeHeight - box.height) / 2 : margin),
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
 * Zooms so the diagram's width fits at a readable scale, leaving `reservedLeft` pixels free: the modeler's palette floats
 * over the canvas's left edge and would hide the first steps otherwise.
 */
export const fitDiagram = (diagram: BaseViewer, reservedLeft = 0): boolean => showBox(diagram.get<Canvas>('canvas'), innerOf(diagram), reservedLeft);

/** Shows the same area on every diagram, readable and large enough for each: versions of one process side by side line up. */
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
