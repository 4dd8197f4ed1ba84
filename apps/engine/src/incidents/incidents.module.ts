import { Module } from '@nestjs/common';
import { ExternalTasksModule } from '../external-tasks/external-tasks.module.js';
import { IncidentsController } from './incidents.controller.js';
import { IncidentsService } from './incidents.service.js';

@Module({
  imports: [ExternalTasksModule],
  controllers: [IncidentsController],
  providers: [IncidentsService],
  exports: [IncidentsService],
})
export class IncidentsModule {}
