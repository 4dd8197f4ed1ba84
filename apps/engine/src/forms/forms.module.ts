import { Global, Module } from '@nestjs/common';
import { DefinitionsModule } from '../definitions/definitions.module.js';
import { FormsController } from './forms.controller.js';
import { FormsService } from './forms.service.js';
import { TaskFormsController } from './task-forms.controller.js';

/** Global so the task routes can check a completion against its form without importing this module. */
@Global()
@Module({
  imports: [DefinitionsModule],
  controllers: [TaskFormsController, FormsController],
  providers: [FormsService],
  exports: [FormsService],
})
export class FormsModule {}
