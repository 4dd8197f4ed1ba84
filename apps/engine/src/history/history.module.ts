import { Module } from '@nestjs/common';
import { HistoryPartitionRepository } from '#persistence';
import { AnalyticsModule } from '../analytics/analytics.module.js';
import { HistoryMaintenance } from './history-maintenance.service.js';

@Module({
  imports: [AnalyticsModule],
  providers: [HistoryMaintenance, HistoryPartitionRepository],
  exports: [HistoryMaintenance],
})
export class HistoryModule {}
