import { Module } from '@nestjs/common';
import { ExperimentRepository } from '#persistence';
import { InstancesModule } from '../instances/instances.module.js';
import { ExperimentMigrationController } from './experiment-migration.controller.js';
import { ExperimentMigrationService } from './experiment-migration.service.js';

/** Apart from ExperimentsModule: the instances module routes through that one, and this one moves instances. */
@Module({
  imports: [InstancesModule],
  controllers: [ExperimentMigrationController],
  providers: [ExperimentMigrationService, ExperimentRepository],
})
export class ExperimentMigrationModule {}
