/** Below this, 11-12 px labels on the canvas shrink past what can be read at a normal distance. */
export const MIN_READABLE_SCALE = 0.75;

/** Steps the zoom buttons take; 1.2 keeps labels crisp and takes a few presses from minimum to 100 %. */
export const ZOOM_STEP = 1.2;
export const MIN_ZOOM = 0.2;
export const MAX_ZOOM = 4;

/**
 * The scale a diagram opens at: its whole width in the room available, never above 100 % (a
 * small diagram is not blown up) and never below `minimum` (a wide one is scrolled instead of
 * shrunk to unreadable labels). Answers 1 when there is nothing to measure yet.
 */
export const readableScale = (availableWidth: number, diagramWidth: number, minimum = MIN_READABLE_SCALE): number => {
  if (!(availableWidth > 0) || !(diagramWidth > 0)) return 1;
  return Math.max(minimum, Math.min(1, availableWidth / diagramWidth));
};

/** The next scale a zoom button goes to, within the zoom limits. */
export const steppedScale = (current: number, direction: 'in' | 'out'): number => {
  const next = direction === 'in' ? current * ZOOM_STEP : current / ZOOM_STEP;
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, next));
};
