import { Module } from '@nestjs/common';
import { AnalyticsAggregator, CaseFactRepository, ExperimentRepository } from '#persistence';
import { DefinitionsModule } from '../definitions/definitions.module.js';
import { ExperimentAnalysisService } from './experiment-analysis.service.js';
import { ExperimentRouter } from './experiment-router.service.js';
import { ExperimentsController } from './experiments.controller.js';
import { ExperimentsService } from './experiments.service.js';
import { GuardrailMonitor } from './guardrail-monitor.service.js';
import { GuardrailSums } from './guardrail-sums.service.js';

@Module({
  imports: [DefinitionsModule],
  controllers: [ExperimentsController],
  // The repositories, on the app's data source.
  providers: [ExperimentsService, ExperimentRouter, ExperimentAnalysisService, GuardrailMonitor, GuardrailSums, ExperimentRepository, CaseFactRepository, AnalyticsAggregator],
  exports: [ExperimentRouter, GuardrailMonitor, ExperimentRepository],
})
export class ExperimentsModule {}
