import { Module } from '@nestjs/common';
import { InstancesModule } from '../instances/instances.module.js';
import { ExternalTaskAvailability } from './external-task-availability.js';
import { ExternalTasksController } from './external-tasks.controller.js';
import { ExternalTasksService } from './external-tasks.service.js';

@Module({
  imports: [InstancesModule],
  controllers: [ExternalTasksController],
  providers: [ExternalTasksService, ExternalTaskAvailability],
  exports: [ExternalTaskAvailability, ExternalTasksService],
})
export class ExternalTasksModule {}
