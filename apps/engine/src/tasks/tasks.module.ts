import { Module } from '@nestjs/common';
import { DefinitionsModule } from '../definitions/definitions.module.js';
import { InstancesModule } from '../instances/instances.module.js';
import { EscalationReasonsController } from './escalation-reasons.controller.js';
import { ESCALATION_REASONS, escalationReasonsFrom } from './escalation-reasons.js';
import { TasksController } from './tasks.controller.js';
import { TasksService } from './tasks.service.js';

@Module({
  imports: [InstancesModule, DefinitionsModule],
  controllers: [TasksController, EscalationReasonsController],
  providers: [TasksService, { provide: ESCALATION_REASONS, useFactory: () => escalationReasonsFrom(process.env.TANDEM_ESCALATION_REASONS) }],
  exports: [TasksService],
})
export class TasksModule {}
