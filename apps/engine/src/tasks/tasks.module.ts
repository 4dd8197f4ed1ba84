import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { DefinitionsModule } from '../definitions/definitions.module.js';
import { InstancesModule } from '../instances/instances.module.js';
import { EscalationReasonsController } from './escalation-reasons.controller.js';
import { ESCALATION_REASONS, escalationReasonsFrom } from './escalation-reasons.js';
import { CaseEventsController } from './case-events.controller.js';
import { TaskEventsController } from './task-events.controller.js';
import { TaskEvents } from './task-events.service.js';
import { TasksController } from './tasks.controller.js';
import { TasksService } from './tasks.service.js';

@Module({
  imports: [InstancesModule, DefinitionsModule, AuthModule],
  // The events controller first: its route must be matched before GET /tasks/:id.
  controllers: [TaskEventsController, CaseEventsController, TasksController, EscalationReasonsController],
  providers: [TasksService, TaskEvents, { provide: ESCALATION_REASONS, useFactory: () => escalationReasonsFrom(process.env.TANDEM_ESCALATION_REASONS) }],
  exports: [TaskEvents, TasksService],
})
export class TasksModule {}
