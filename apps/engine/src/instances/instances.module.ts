import { Module } from '@nestjs/common';
import { DefinitionsModule } from '../definitions/definitions.module.js';
import { ExperimentsModule } from '../experiments/experiments.module.js';
import { ExperimentMigrationController } from './experiment-migration.controller.js';
import { ExperimentMigrationService } from './experiment-migration.service.js';
import { InstanceCommands } from './instance-commands.service.js';
import { InstanceOperationsController } from './instance-operations.controller.js';
import { InstanceOperationsService } from './instance-operations.service.js';
import { InstancesController } from './instances.controller.js';
import { InstancesService } from './instances.service.js';

@Module({
  imports: [DefinitionsModule, ExperimentsModule],
  controllers: [InstancesController, InstanceOperationsController, ExperimentMigrationController],
  providers: [InstancesService, InstanceOperationsService, InstanceCommands, ExperimentMigrationService],
  exports: [InstanceCommands, InstanceOperationsService, InstancesService],
})
export class InstancesModule {}
