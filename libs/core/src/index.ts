export { DomainError, type ErrorCodeOf, isDomainError } from './domain-error.js';
export { higherQuantile, linearQuantile, lowerQuantile, nearestRankQuantile, roundedQuantileRank, upperNearestRankQuantile } from './quantiles.js';
