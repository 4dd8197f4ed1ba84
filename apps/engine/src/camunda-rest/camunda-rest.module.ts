import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '../common/config.js';
import { DefinitionsModule } from '../definitions/definitions.module.js';
import { MAX_DEPLOYMENT_FILES } from '../definitions/deployments.controller.js';
import { CamundaDeploymentsController } from './camunda-deployments.controller.js';
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
  imports: [
    // Uploads stay in memory, bounded as /api/deployments bounds them.
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.maxBodyBytes, files: MAX_DEPLOYMENT_FILES } }),
    }),
    DefinitionsModule,
    ExternalTasksModule,
    InstancesModule,
    MessagesModule,
    TasksModule,
    FormsModule,
  ],
  controllers: [
    CamundaEngineController,
    CamundaExternalTasksController,
    CamundaProcessDefinitionsController,
    CamundaProcessInstancesController,
    CamundaMessagesController,
    CamundaTasksController,
    CamundaDeploymentsController,
  ],
})
export class CamundaRestModule {}
