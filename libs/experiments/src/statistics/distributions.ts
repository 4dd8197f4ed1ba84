/**
 * The distribution functions the statistics use, all from stdlib (a well-kept library), so no
 * special function is hand-rolled here. Upper tails are computed as `1 - cdf` only where the
 * result is compared with alpha-sized numbers; tiny p-values are clamped at 0 by that.
 */
import chiSquareCdfImpl from '@stdlib/stats-base-dists-chisquare-cdf';
import normalCdfImpl from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantileImpl from '@stdlib/stats-base-dists-normal-quantile';
import tCdfImpl from '@stdlib/stats-base-dists-t-cdf';
import tQuantileImpl from '@stdlib/stats-base-dists-t-quantile';

/** Standard normal CDF. */
export const normalCdf = (z: number): number => normalCdfImpl(z, 0, 1);
/** Standard normal quantile. */
export const normalQuantile = (p: number): number => normalQuantileImpl(p, 0, 1);
/** Two-sided p-value of a standard normal statistic. */
export const normalTwoSidedP = (z: number): number => 2 * normalCdf(-Math.abs(z));
/** Student t CDF with `df` degrees of freedom. */
export const tCdf = (t: number, df: number): number => tCdfImpl(t, df);
/** Student t quantile. */
export const tQuantile = (p: number, df: number): number => tQuantileImpl(p, df);
/** Upper tail of the chi-square distribution. */
export const chiSquareSurvival = (x: number, df: number): number => 1 - chiSquareCdfImpl(x, df);
