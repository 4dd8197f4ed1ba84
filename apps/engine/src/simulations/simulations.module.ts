import { Module } from '@nestjs/common';
import { AnalyticsRepository } from '#persistence';
import { DefinitionsModule } from '../definitions/definitions.module.js';
import { SimulationsController } from './simulations.controller.js';
import { SimulationsService } from './simulations.service.js';

@Module({
  imports: [DefinitionsModule],
  controllers: [SimulationsController],
  providers: [SimulationsService, AnalyticsRepository],
})
export class SimulationsModule {}
