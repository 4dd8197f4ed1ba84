import { Module } from '@nestjs/common';
import { DefinitionsModule } from '../definitions/definitions.module.js';
import { InstancesModule } from '../instances/instances.module.js';
import { BufferedMessageDelivery } from './buffered-delivery.service.js';
import { MessagesController } from './messages.controller.js';
import { MessagesService } from './messages.service.js';

@Module({
  imports: [InstancesModule, DefinitionsModule],
  controllers: [MessagesController],
  providers: [MessagesService, BufferedMessageDelivery],
  exports: [BufferedMessageDelivery, MessagesService],
})
export class MessagesModule {}
