import { Module } from '@nestjs/common';
import { AnalyticsAggregator, CaseFactRepository, ExperimentRepository, onAnalyticsDatabase } from '#persistence';
import { DefinitionsModule } from '../definitions/definitions.module.js';
import { ARM_READS, ExperimentAnalysisService } from './experiment-analysis.service.js';
import { ExperimentRouter } from './experiment-router.service.js';
import { ExperimentsController } from './experiments.controller.js';
import { ExperimentsService } from './experiments.service.js';
import { GuardrailMonitor } from './guardrail-monitor.service.js';
import { GuardrailSums } from './guardrail-sums.service.js';

@Module({
  imports: [DefinitionsModule],
  controllers: [ExperimentsController],
  // The experiments' writes on the primary; the analysis and the guardrail sums read routed cases and their facts on the analytics database.
  providers: [
    ExperimentsService,
    ExperimentRouter,
    ExperimentAnalysisService,
    GuardrailMonitor,
    GuardrailSums,
    ExperimentRepository,
    onAnalyticsDatabase(ExperimentRepository, ARM_READS),
    onAnalyticsDatabase(CaseFactRepository),
    AnalyticsAggregator,
  ],
  exports: [ExperimentRouter, GuardrailMonitor, ExperimentRepository],
})
export class ExperimentsModule {}
