import { Module } from '@nestjs/common';
import { ExternalTasksModule } from '../external-tasks/external-tasks.module.js';
import { HttpJsonConnector } from './http-json-connector.service.js';

/** The connectors the engine runs itself: Camunda 8's REST outbound connector (docs/camunda-8-connectors.md). */
@Module({
  imports: [ExternalTasksModule],
  providers: [HttpJsonConnector],
})
export class ConnectorsModule {}
