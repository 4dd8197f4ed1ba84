import { Module } from '@nestjs/common';
import { InstancesModule } from '../instances/instances.module.js';
import { ExternalTasksController } from './external-tasks.controller.js';
import { ExternalTasksService } from './external-tasks.service.js';

@Module({
  imports: [InstancesModule],
  controllers: [ExternalTasksController],
  providers: [ExternalTasksService],
})
export class ExternalTasksModule {}
