import { Inject, Injectable } from '@nestjs/common';
import type { KpiTargetsView as KpiTargetsShape } from '#api-types';
import { DomainError } from '#core';
import type { Clock } from '#engine';
import { KpiTargetRepository, ProcessVersionRepository, type KpiTarget } from '#persistence';
import { CLOCK } from '../common/engine-ports.js';
import { DEFAULT_KPI_TARGETS, KPI_TARGET_KEYS, type KpiTargetKey } from './kpi-targets-defaults.js';
import { KPI_TARGET_ERRORS } from './kpi-targets-errors.js';

/** What GET and PUT answer, over the engine's KPI keys. */
export type KpiTargetsView = KpiTargetsShape<KpiTargetKey>;

const FIELDS = new Set(['baseline', 'target']);

const invalid = (field: string, message: string) => new DomainError(KPI_TARGET_ERRORS.invalid, message, { field });

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks a body `{ kpi: { baseline?, target? } }`, naming the first field that is wrong. */
export const parseKpiTargets = (body: unknown): Partial<Record<KpiTargetKey, KpiTarget>> => {
  if (!isRecord(body)) throw invalid('body', 'The body must be an object { kpi: { baseline?, target? } }');
  if (Object.keys(body).length === 0) throw invalid('body', `The body names no KPI; give at least one of ${KPI_TARGET_KEYS.join(', ')}`);
  const targets: Partial<Record<KpiTargetKey, KpiTarget>> = {};
  for (const [kpi, value] of Object.entries(body)) {
    if (!(KPI_TARGET_KEYS as readonly string[]).includes(kpi)) throw invalid(kpi, `Unknown KPI '${kpi}'; known: ${KPI_TARGET_KEYS.join(', ')}`);
    if (!isRecord(value)) throw invalid(kpi, `${kpi} must be an object { baseline?, target? }`);
    const target: KpiTarget = {};
    for (const [field, number] of Object.entries(value)) {
      if (!FIELDS.has(field)) throw invalid(`${kpi}.${field}`, `Unknown field '${kpi}.${field}'; give baseline and/or target`);
      if (number === null) continue;
      if (typeof number !== 'number' || !Number.isFinite(number)) throw invalid(`${kpi}.${field}`, `${kpi}.${field} must be a number, not ${JSON.stringify(number)}`);
      target[field as keyof KpiTarget] = number;
    }
    if (Object.keys(target).length === 0) throw invalid(kpi, `${kpi} gives neither a baseline nor a target number`);
    targets[kpi as KpiTargetKey] = target;
  }
  return targets;
};

/** The KPI baselines and targets per process key the insights page compares with. */
@Injectable()
export class KpiTargetsService {
  constructor(
    private readonly repository: KpiTargetRepository,
    private readonly versions: ProcessVersionRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async get(processKey: string): Promise<KpiTargetsView> {
    const stored = await this.repository.find(processKey);
    if (stored === null) return { processKey, source: 'defaults', targets: DEFAULT_KPI_TARGETS, kpis: KPI_TARGET_KEYS, updatedAt: null, updatedBy: null };
    return {
      processKey,
      source: 'stored',
      targets: stored.targets,
      kpis: KPI_TARGET_KEYS,
      updatedAt: stored.updatedAt.toISOString(),
      updatedBy: stored.updatedBy,
    };
  }

  /** Replaces the set of a deployed process key; a body with any wrong field, or a key nothing is deployed under, stores nothing. */
  async put(processKey: string, body: unknown, by: string): Promise<KpiTargetsView> {
    const targets = parseKpiTargets(body);
    if ((await this.versions.findLatestId(processKey)) === null) {
      throw invalid('processKey', `No process with key '${processKey}' is deployed, so it can have no targets`);
    }
    const saved = await this.repository.save(processKey, targets, this.clock.now(), by);
    return { processKey, source: 'stored', targets: saved.targets, kpis: KPI_TARGET_KEYS, updatedAt: saved.updatedAt.toISOString(), updatedBy: saved.updatedBy };
  }
}
