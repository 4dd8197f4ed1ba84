import { Module } from '@nestjs/common';
import { AnalyticsAggregator, AnalyticsRepository, CaseFactRepository, KpiTargetRepository } from '#persistence';
import { DefinitionsModule } from '../definitions/definitions.module.js';
import { AnalyticsController } from './analytics.controller.js';
import { AnalyticsService } from './analytics.service.js';
import { KpiTargetsController } from './kpi-targets.controller.js';
import { KpiTargetsService } from './kpi-targets.service.js';

@Module({
  imports: [DefinitionsModule],
  controllers: [AnalyticsController, KpiTargetsController],
  // The analytics' own repositories, on the app's data source.
  providers: [AnalyticsService, AnalyticsRepository, CaseFactRepository, AnalyticsAggregator, KpiTargetRepository, KpiTargetsService],
  exports: [AnalyticsService],
})
export class AnalyticsModule {}
