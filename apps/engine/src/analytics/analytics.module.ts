import { Module } from '@nestjs/common';
import { AnalyticsAggregator, AnalyticsRepository, CaseFactRepository, KpiTargetRepository, onAnalyticsDatabase } from '#persistence';
import { DefinitionsModule } from '../definitions/definitions.module.js';
import { AnalyticsController } from './analytics.controller.js';
import { AnalyticsService } from './analytics.service.js';
import { KpiTargetsController } from './kpi-targets.controller.js';
import { KpiTargetsService } from './kpi-targets.service.js';

@Module({
  imports: [DefinitionsModule],
  controllers: [AnalyticsController, KpiTargetsController],
  // The reports' reads on the analytics database (the replica, when set); the aggregator writes the facts on the primary.
  providers: [AnalyticsService, onAnalyticsDatabase(AnalyticsRepository), onAnalyticsDatabase(CaseFactRepository), AnalyticsAggregator, KpiTargetRepository, KpiTargetsService],
  exports: [AnalyticsService],
})
export class AnalyticsModule {}
