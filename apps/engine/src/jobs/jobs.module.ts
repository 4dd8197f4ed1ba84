import { Module } from '@nestjs/common';
import { DefinitionsModule } from '../definitions/definitions.module.js';
import { InstancesModule } from '../instances/instances.module.js';
import { JobRunner } from './job-runner.service.js';

@Module({
  imports: [DefinitionsModule, InstancesModule],
  providers: [JobRunner],
  exports: [JobRunner],
})
export class JobsModule {}
