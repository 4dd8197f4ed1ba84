import { Module } from '@nestjs/common';
import { ModelDraftRepository } from '#persistence';
import { DraftsController } from './drafts.controller.js';
import { DraftsService } from './drafts.service.js';

@Module({
  controllers: [DraftsController],
  providers: [DraftsService, ModelDraftRepository],
})
export class DraftsModule {}
