import type BaseViewer from 'bpmn-js/lib/BaseViewer';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Selection from 'diagram-js/lib/features/selection/Selection';
import { getBBox } from 'diagram-js/lib/util/Elements';

/**
 * Selects an element and puts its centre in the middle of the part of the canvas a person sees:
 * `reservedLeft` pixels on the left are covered (the modeler's palette). The zoom stays as it is.
 */
export const centerElement = (diagram: BaseViewer, elementId: string, reservedLeft = 0): void => {
  const element = diagram.get<ElementRegistry>('elementRegistry').get(elementId);
  const canvas = diagram.get<Canvas>('canvas');
  if (!element || element === canvas.getRootElement()) return;
  diagram.get<Selection>('selection').select(element);
  // The canvas caches its size; a panel that grew or shrank since (the problems list) would put the centre off.
  canvas.resized();
  const { outer, scale } = canvas.viewbox();
  if (outer.width === 0 || outer.height === 0) return;
  const box = getBBox(element as Parameters<typeof getBBox>[0]);
  const centerX = box.x + box.width / 2;
  const centerY = box.y + box.height / 2;
  const visibleWidth = Math.max(outer.width - reservedLeft, 0);
  canvas.viewbox({
    x: centerX - (reservedLeft + visibleWidth / 2) / scale,
    y: centerY - outer.height / 2 / scale,
    width: outer.width / scale,
    height: outer.height / scale,
  });
};
