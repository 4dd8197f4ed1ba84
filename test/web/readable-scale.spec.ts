import { describe, expect, it } from '@jest/globals';
import { MAX_ZOOM, MIN_READABLE_SCALE, MIN_ZOOM, readableScale, steppedScale, ZOOM_STEP } from '../../apps/web/src/modeler/diagram/readable-scale.js';

describe('readableScale', () => {
  it('fits a diagram wider than the room to the width', () => {
    expect(readableScale(1000, 1200)).toBeCloseTo(1000 / 1200);
  });

  it('never blows a small diagram up past 100 %', () => {
    expect(readableScale(1200, 400)).toBe(1);
  });

  it('stops at the minimum when fitting would shrink labels below it', () => {
    expect(readableScale(1000, 3000)).toBe(MIN_READABLE_SCALE);
    expect(readableScale(1000, 3000, 0.5)).toBe(0.5);
  });

  it('answers 1 when there is nothing to measure yet', () => {
    expect(readableScale(0, 1200)).toBe(1);
    expect(readableScale(1000, 0)).toBe(1);
  });
});

describe('steppedScale', () => {
  it('zooms in and out by one step', () => {
    expect(steppedScale(1, 'in')).toBeCloseTo(ZOOM_STEP);
    expect(steppedScale(1, 'out')).toBeCloseTo(1 / ZOOM_STEP);
  });

  it('stays within the zoom limits', () => {
    expect(steppedScale(MAX_ZOOM, 'in')).toBe(MAX_ZOOM);
    expect(steppedScale(MIN_ZOOM, 'out')).toBe(MIN_ZOOM);
  });
});
