import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '../random/seeded-random.js';
import { BINNED_RELATIVE_ERROR, binDurations, bucketValueMs, durationBucketOf, expandBinned } from './binned-durations.js';
import { compareBinnedDurations, compareMetric, compareRates, type DurationFigure } from './metric-comparison.js';

/** Log-normal durations in whole ms (median e^mu ms), seeded. */
function durations(n: number, mu: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const u = Math.max(random.next(), 1e-12);
    const v = random.next();
    return Math.round(Math.exp(mu + 0.8 * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)));
  });
}

const ARM_CASES = 20_000;
const ALPHA = 0.05;

describe('durationBucketOf', () => {
  it('puts every value within the stated relative error of its bucket value, and exact powers of two in the bucket they open', () => {
    // given values across nine decades of milliseconds
    const values = [1, 2, 3, 7, 1000, 1024, 65_536, 86_400_000, 31_536_000_000, 123_456_789];
    // when each is bucketed
    // then its bucket's value is within the bound, and 2^k opens bucket 32 k + 1
    for (const value of values) expect(Math.abs(bucketValueMs(durationBucketOf(value)) - value) / value).toBeLessThanOrEqual(BINNED_RELATIVE_ERROR + 1e-12);
    expect(durationBucketOf(1024)).toBe(32 * 10 + 1);
    expect(durationBucketOf(0)).toBe(0);
    expect(durationBucketOf(0.4)).toBe(0);
  });

  it('expands counts into their bucket values ascending, raised to a floor when asked', () => {
    // given three cases in two buckets, one of 0 ms
    const binned = binDurations([1024, 0, 1024]);
    // when expanded
    // then one value per case, ascending, and 0 ms counts as 1 ms with the floor
    expect(Array.from(expandBinned(binned))).toEqual([0, bucketValueMs(321), bucketValueMs(321)]);
    expect(expandBinned(binned, 1)[0]).toBe(1);
    expect(binned).toMatchObject({ n: 3, sumMs: 2048 });
  });
});

describe('compareBinnedDurations', () => {
  // given two skewed arms of 20,000 cases, the candidate 5 % faster
  const baseline = durations(ARM_CASES, 12, 1);
  const candidate = durations(ARM_CASES, 12 + Math.log(0.95), 2);
  const exact = compareMetric('leadTime', 'b', baseline, candidate, ALPHA, seededRandom(3));
  // when the same arms are compared from their bucket counts
  const binned = compareBinnedDurations('leadTime', 'b', binDurations(baseline), binDurations(candidate), ALPHA);

  it('names its method and keeps counts and means exact', () => {
    expect(binned.method).toBe('histogram');
    expect(binned.medianDifference?.method).toBe('histogram');
    const [b, x] = [binned.baseline as DurationFigure, exact.baseline as DurationFigure];
    expect(b.n).toBe(x.n);
    expect(b.meanMs).toBeCloseTo(x.meanMs!, 6);
  });

  it('finds the medians, p90s and their differences within the bucket-width bound', () => {
    for (const arm of ['baseline', 'candidate'] as const) {
      const [b, x] = [binned[arm] as DurationFigure, exact[arm] as DurationFigure];
      expect(Math.abs(b.medianMs! - x.medianMs!)).toBeLessThanOrEqual(BINNED_RELATIVE_ERROR * x.medianMs!);
      expect(Math.abs(b.p90Ms! - x.p90Ms!)).toBeLessThanOrEqual(BINNED_RELATIVE_ERROR * x.p90Ms!);
    }
    const [b, c] = [exact.baseline as DurationFigure, exact.candidate as DurationFigure];
    const medianBound = BINNED_RELATIVE_ERROR * (b.medianMs! + c.medianMs!);
    const p90Bound = BINNED_RELATIVE_ERROR * (b.p90Ms! + c.p90Ms!);
    expect(Math.abs(binned.medianDifference!.estimate - exact.medianDifference!.estimate)).toBeLessThanOrEqual(medianBound);
    expect(Math.abs(binned.p90Difference!.estimate - exact.p90Difference!.estimate)).toBeLessThanOrEqual(p90Bound);
    for (const k of [0, 1]) {
      expect(Math.abs(binned.medianDifference!.interval[k] - exact.medianDifference!.interval[k])).toBeLessThanOrEqual(2 * medianBound);
      expect(Math.abs(binned.p90Difference!.interval[k] - exact.p90Difference!.interval[k])).toBeLessThanOrEqual(2 * p90Bound);
    }
  });

  it('gives the Hodges-Lehmann shift within the bound of the medians, and the same Mann-Whitney verdict', () => {
    const [b, c] = [exact.baseline as DurationFigure, exact.candidate as DurationFigure];
    const bound = BINNED_RELATIVE_ERROR * (b.medianMs! + c.medianMs!);
    expect(Math.abs(binned.difference! - exact.difference!)).toBeLessThanOrEqual(bound);
    expect(Math.abs(binned.interval![0] - exact.interval![0])).toBeLessThanOrEqual(bound);
    expect(Math.abs(binned.interval![1] - exact.interval![1])).toBeLessThanOrEqual(bound);
    expect(binned.direction).toBe(exact.direction);
    expect(binned.direction).toBe('better');
    expect(Math.abs(binned.z! - exact.z!)).toBeLessThan(0.05 * Math.abs(exact.z!));
    expect(Math.abs(Math.log(binned.pValue!) - Math.log(exact.pValue!))).toBeLessThan(0.1 * Math.abs(Math.log(exact.pValue!)));
  });

  it('finds no difference where the arms are alike, as the exact path does', () => {
    // given two arms drawn from one distribution
    const same = durations(ARM_CASES, 12, 4);
    const exactSame = compareMetric('leadTime', 'b', baseline, same, ALPHA, seededRandom(3));
    // when compared from their counts
    const sut = compareBinnedDurations('leadTime', 'b', binDurations(baseline), binDurations(same), ALPHA);
    // then neither calls it
    expect(exactSame.direction).toBe('none');
    expect(sut.direction).toBe('none');
    expect(Math.abs(sut.pValue! - exactSame.pValue!)).toBeLessThan(0.05);
  });

  it('answers unknown below two cases an arm', () => {
    const sut = compareBinnedDurations('leadTime', 'b', binDurations([5]), binDurations(candidate), ALPHA);
    expect(sut).toMatchObject({ direction: 'unknown', test: 'none', pValue: null, method: 'histogram' });
  });
});

describe('compareRates', () => {
  it('compares counts exactly as compareMetric compares the cases they count', () => {
    // given 0/1 values of two arms
    const baseline = Array.from({ length: 9000 }, (_, i) => (i % 10 < 7 ? 1 : 0));
    const candidate = Array.from({ length: 9100 }, (_, i) => (i % 100 < 73 ? 1 : 0));
    // when compared from counts
    const count = (values: number[]) => ({ n: values.length, successes: values.filter((v) => v > 0).length });
    // then the same result
    expect(compareRates('fcr', 'b', count(baseline), count(candidate), ALPHA)).toEqual(compareMetric('fcr', 'b', baseline, candidate, ALPHA, seededRandom(1)));
  });
});
