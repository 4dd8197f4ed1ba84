import { Module } from '@nestjs/common';
import { ExperimentRepository } from '#persistence';
import { DefinitionsModule } from '../definitions/definitions.module.js';
import { ExperimentRouter } from './experiment-router.service.js';
import { ExperimentsController } from './experiments.controller.js';
import { ExperimentsService } from './experiments.service.js';

@Module({
  imports: [DefinitionsModule],
  controllers: [ExperimentsController],
  // The experiments' repository, on the app's data source.
  providers: [ExperimentsService, ExperimentRouter, ExperimentRepository],
  exports: [ExperimentRouter],
})
export class ExperimentsModule {}
