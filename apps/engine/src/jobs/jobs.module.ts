import { Module } from '@nestjs/common';
import { InstancesModule } from '../instances/instances.module.js';
import { JobRunner } from './job-runner.service.js';

@Module({
  imports: [InstancesModule],
  providers: [JobRunner],
  exports: [JobRunner],
})
export class JobsModule {}
