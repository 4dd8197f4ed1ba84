/**
 * The metrics an experiment may name (shared/DESIGN.md section 5, the analysts' contract), with
 * what a comparison needs to know: rates use the two-proportion test, durations the log scale.
 */
export type MetricKind = 'proportion' | 'duration';
export type MetricBetter = 'higher' | 'lower';

export interface MetricDefinition {
  kind: MetricKind;
  better: MetricBetter;
}

export const METRICS = {
  fcr: { kind: 'proportion', better: 'higher' },
  slaAttainment: { kind: 'proportion', better: 'higher' },
  resolutionSla: { kind: 'proportion', better: 'higher' },
  escalationRate: { kind: 'proportion', better: 'lower' },
  repeatContactRate: { kind: 'proportion', better: 'lower' },
  reworkRate: { kind: 'proportion', better: 'lower' },
  leadTime: { kind: 'duration', better: 'lower' },
  waitingTime: { kind: 'duration', better: 'lower' },
  processingTime: { kind: 'duration', better: 'lower' },
} as const satisfies Record<string, MetricDefinition>;

export type MetricKey = keyof typeof METRICS;

export const isMetricKey = (key: string): key is MetricKey => Object.hasOwn(METRICS, key);
