import { Module } from '@nestjs/common';
import { AnalyticsAggregator, AnalyticsRepository } from '#persistence';
import { DefinitionsModule } from '../definitions/definitions.module.js';
import { AnalyticsController } from './analytics.controller.js';
import { AnalyticsService } from './analytics.service.js';

@Module({
  imports: [DefinitionsModule],
  controllers: [AnalyticsController],
  // The analytics' own repositories, on the app's data source.
  providers: [AnalyticsService, AnalyticsRepository, AnalyticsAggregator],
  exports: [AnalyticsService],
})
export class AnalyticsModule {}
