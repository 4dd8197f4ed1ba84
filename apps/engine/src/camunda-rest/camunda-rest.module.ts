import { Module } from '@nestjs/common';
import { ExternalTasksModule } from '../external-tasks/external-tasks.module.js';
import { InstancesModule } from '../instances/instances.module.js';
import { FormsModule } from '../forms/forms.module.js';
import { MessagesModule } from '../messages/messages.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { CamundaTasksController } from './camunda-tasks.controller.js';
import { CamundaMessagesController } from './camunda-messages.controller.js';
import { CamundaProcessInstancesController } from './camunda-process-instances.controller.js';
import { CamundaEngineController } from './camunda-engine.controller.js';
import { CamundaExternalTasksController } from './camunda-external-tasks.controller.js';
import { CamundaProcessDefinitionsController } from './camunda-process-definitions.controller.js';

/** The Camunda 7 REST API subset under /engine-rest (docs/camunda-7-rest.md): Camunda's shapes over Tandem's services. */
@Module({
  imports: [ExternalTasksModule, InstancesModule, MessagesModule, TasksModule, FormsModule],
  controllers: [
    CamundaEngineController,
    CamundaExternalTasksController,
    CamundaProcessDefinitionsController,
    CamundaProcessInstancesController,
    CamundaMessagesController,
    CamundaTasksController,
  ],
})
export class CamundaRestModule {}

/** The paths Camunda clients call, outside the /api prefix (app-setup.ts). */
export const CAMUNDA_REST_PATHS = 'engine-rest/{*path}';
