import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Clock, IdGenerator } from '#engine';
import { setArmPaused, type GuardrailCheck, type MetricKey } from '#experiments';
import { AnalyticsAggregator, ExperimentRepository, type ExperimentRecord } from '#persistence';
import { APP_CONFIG, type AppConfig } from '../common/config.js';
import { CLOCK, ID_GENERATOR } from '../common/engine-ports.js';
import { PollLoop } from '../common/poll-loop.js';
import { SETTLED_METRICS } from './arm-cases.js';
import { ExperimentAnalysisService } from './experiment-analysis.service.js';
import { GuardrailSums, guardrailChecksOnDays } from './guardrail-sums.service.js';

/** Experiments checked per claim; more wait for the next poll. */
const BATCH = 10;

/** Who the event log names for a pause the guardrails made. */
export const GUARDRAIL_ACTOR = 'guardrail';

/**
 * Checks the guardrails of running experiments every `guardrailIntervalMs` (issue 7 point 3): a
 * check is claimed like a job (the experiment's next due time moves in the claiming statement),
 * so with several engine processes each check runs once. A breached candidate is paused: new
 * cases go to the baseline (routing reason `guardrail`), an event records the numbers, and the
 * last results are kept for the dashboard. Resuming the arm is a person's decision.
 * A check reads the arms' day sums kept by GuardrailSums (only the cases ended since its last
 * look), not the whole analysis; a guardrail on FCR or repeat contact, whose values depend on the
 * customer's other cases, still takes the analysis's reading of every case.
 */
@Injectable()
export class GuardrailMonitor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(GuardrailMonitor.name);
  private readonly loop: PollLoop;

  constructor(
    private readonly experiments: ExperimentRepository,
    private readonly analysis: ExperimentAnalysisService,
    private readonly sums: GuardrailSums,
    private readonly aggregator: AnalyticsAggregator,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {
    this.loop = new PollLoop(() => this.checkDue(), config.jobPollMs, this.logger, 'Guardrail check');
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }

  /** Checks every experiment whose guardrails are due; answers how many it checked. */
  async checkDue(): Promise<number> {
    const now = this.clock.now();
    const claimed = await this.experiments.claimGuardrailChecks(now, new Date(now.getTime() + this.config.guardrailIntervalMs), BATCH);
    for (const record of claimed) await this.check(record);
    return claimed.length;
  }

  /** The guardrails of a running experiment judged now, as its analysis would judge them. */
  async guardrailChecks(record: ExperimentRecord): Promise<GuardrailCheck[]> {
    const { experiment, startedAt } = record;
    const metrics = [...new Set(experiment.guardrails.map((guardrail) => guardrail.metric))];
    const settled = (metric: MetricKey) => (SETTLED_METRICS as readonly MetricKey[]).includes(metric);
    if (!startedAt || !metrics.every(settled)) {
      const analysis = await this.analysis.analyzeRecord(record);
      return analysis.candidates.flatMap((candidate) => candidate.guardrails);
    }
    // What the commits queued is folded first, so the facts are as fresh as the ledger.
    await this.aggregator.drain();
    const now = this.clock.now().getTime();
    return guardrailChecksOnDays(record, await this.sums.armDays(record, metrics, now), now);
  }

  private async check(record: ExperimentRecord): Promise<void> {
    const checks = await this.guardrailChecks(record);
    const at = this.clock.now();
    await this.experiments.saveGuardrailChecks(record.experiment.id, checks, at);
    let experiment = record.experiment;
    for (const breach of checks.filter((check) => check.status === 'breached')) {
      if (experiment.arms.find((arm) => arm.id === breach.candidateArmId)?.paused) continue;
      experiment = setArmPaused(experiment, breach.candidateArmId, true);
      const outcome = await this.experiments.update(experiment, 'running', {
        id: this.ids.next(),
        at,
        actor: GUARDRAIL_ACTOR,
        action: 'guardrailPause',
        fromState: 'running',
        toState: 'running',
        reason: describe(breach),
        details: {
          armId: breach.candidateArmId,
          guardrailId: breach.id,
          metric: breach.metric,
          observed: breach.observed ?? null,
          limit: breach.limit,
          z: breach.z,
          boundary: breach.boundary,
          breachedAt: breach.breachedAt === null ? null : new Date(breach.breachedAt).toISOString(),
        },
      });
      // Someone paused, stopped or promoted it meanwhile: their change stands.
      if (outcome !== 'updated') return;
      this.logger.warn(`Experiment ${experiment.id}: ${describe(breach)}; arm "${breach.candidateArmId}" paused`);
    }
  }
}

const describe = (breach: GuardrailCheck): string => {
  const observed = breach.observed === undefined ? 'unknown' : breach.observed.toFixed(3);
  return `guardrail ${breach.id} (${breach.metric}) breached by arm "${breach.candidateArmId}": worsening ${observed} over the limit ${breach.limit} (z ${breach.z?.toFixed(2)} >= boundary ${breach.boundary?.toFixed(2)})`;
};
