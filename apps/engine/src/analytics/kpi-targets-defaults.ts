import type { KpiTarget } from '#persistence';

/**
 * The KPIs a baseline and target can be stored for: the tiles of the insights page, in the unit
 * the reports give them (shares as fractions 0..1, lead time in hours, cost in currency units).
 */
export const KPI_TARGET_KEYS = [
  'fcr',
  'slaFirstResponse',
  'slaResolution',
  'escalationRate',
  'repeatContactRate',
  'leadTimeMedian',
  'leadTimeP90',
  'waitingShare',
  'nvaShare',
  'nvaSteps',
  'pce',
  'costPerCase',
  'csat',
  'nps',
  'reworkRate',
  'cases',
] as const;

export type KpiTargetKey = (typeof KPI_TARGET_KEYS)[number];

/**
 * What a process key has until an analyst stores its own: the baseline -> target figures of the
 * service team's planning documents (docs DOMAIN.md, "The numbers they will look at") where a KPI
 * matches one. FCR 68 % -> 85 %; responded within 4 h -> 98 %; repeat-inquiry rate 43 % -> 25 %;
 * satisfaction -> 90 / 100; NPS -> +45; the 6 non-value-added steps -> at least 50 % fewer; waiting
 * 38 % of the time and repeat handling 22 % are the as-is figures they cite.
 */
export const DEFAULT_KPI_TARGETS: Partial<Record<KpiTargetKey, KpiTarget>> = {
  fcr: { baseline: 0.68, target: 0.85 },
  slaFirstResponse: { target: 0.98 },
  repeatContactRate: { baseline: 0.43, target: 0.25 },
  csat: { target: 90 },
  nps: { target: 45 },
  nvaSteps: { baseline: 6, target: 3 },
  waitingShare: { baseline: 0.38 },
  reworkRate: { baseline: 0.22 },
};
