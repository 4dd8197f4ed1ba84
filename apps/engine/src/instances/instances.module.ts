import { Module } from '@nestjs/common';
import { DefinitionsModule } from '../definitions/definitions.module.js';
import { InstanceCommands } from './instance-commands.service.js';
import { InstancesController } from './instances.controller.js';
import { InstancesService } from './instances.service.js';

@Module({
  imports: [DefinitionsModule],
  controllers: [InstancesController],
  providers: [InstancesService, InstanceCommands],
  exports: [InstanceCommands],
})
export class InstancesModule {}
