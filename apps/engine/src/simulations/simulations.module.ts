import { Module } from '@nestjs/common';
import { AnalyticsRepository, onAnalyticsDatabase } from '#persistence';
import { DefinitionsModule } from '../definitions/definitions.module.js';
import { SimulationsController } from './simulations.controller.js';
import { SimulationsService } from './simulations.service.js';

@Module({
  imports: [DefinitionsModule],
  controllers: [SimulationsController],
  // Calibration reads the ledger like a report: on the analytics database.
  providers: [SimulationsService, onAnalyticsDatabase(AnalyticsRepository)],
})
export class SimulationsModule {}
