import type { Experiment, MetricKey } from '#experiments';
import type { ExperimentDto, PlanDto, UnitDto } from './dto/experiment.dto.js';

/** The fields a started experiment keeps; only the plan may change then (via `amendPlan`). */
const FIXED_FIELDS = ['processKey', 'seed', 'arms', 'unit', 'segments', 'ramp', 'guardrails', 'primaryMetric', 'secondaryMetrics', 'startsAt', 'endsAt'] as const;

/**
 * The experiment a request describes, keeping only the known fields of each part (nothing the
 * model does not know ends up stored). The lib's `validateExperiment` judges the values.
 */
export const experimentOf = (dto: ExperimentDto, base: Pick<Experiment, 'id' | 'state' | 'seed' | 'analysisVersion'>): Experiment => ({
  id: base.id,
  processKey: dto.processKey,
  state: base.state,
  seed: dto.seed ?? base.seed,
  arms: dto.arms.map(({ id, role, processVersionId, weight }) => ({ id, role, processVersionId, weight })),
  unit: dto.unit ? unitOf(dto.unit) : { kind: 'instance' },
  segments: (dto.segments ?? []).map(({ variable, values, armId }) => ({ variable, values, armId })),
  ramp: (dto.ramp ?? []).map(({ from, candidateShare }) => ({ from, candidateShare })),
  guardrails: (dto.guardrails ?? []).map(({ id, metric, maxWorsening }) => ({ id, metric: metric as MetricKey, maxWorsening })),
  primaryMetric: dto.primaryMetric as MetricKey,
  secondaryMetrics: (dto.secondaryMetrics ?? []) as MetricKey[],
  plan: planOf(dto.plan),
  analysisVersion: base.analysisVersion,
  ...(dto.startsAt !== undefined && { startsAt: dto.startsAt }),
  ...(dto.endsAt !== undefined && { endsAt: dto.endsAt }),
});

/** The fixed fields in which `requested` differs from `current` (an arm's pause is the experiment's own, not the request's). */
export const changedFixedFields = (current: Experiment, requested: Experiment): string[] =>
  FIXED_FIELDS.filter((field) => sortedJson(comparable(current, field)) !== sortedJson(comparable(requested, field)));

const comparable = (experiment: Experiment, field: (typeof FIXED_FIELDS)[number]): unknown =>
  field === 'arms' ? experiment.arms.map(({ paused: _paused, ...arm }) => arm) : (experiment[field] ?? null);

/** An unknown kind is kept as given, for the lib to name (`unit.kind`). */
const unitOf = ({ kind, name }: UnitDto): Experiment['unit'] => (kind === 'variable' ? { kind, name: name ?? '' } : ({ kind } as Experiment['unit']));

const planOf = ({ alpha, power, mde, baselineRate, logSd }: PlanDto): Experiment['plan'] => ({
  alpha,
  power,
  mde,
  ...(baselineRate !== undefined && { baselineRate }),
  ...(logSd !== undefined && { logSd }),
});

/** JSON with object keys sorted (jsonb reorders them) and array order kept (the first matching segment rule wins). */
const sortedJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
