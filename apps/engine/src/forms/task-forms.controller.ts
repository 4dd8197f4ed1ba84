import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from '../auth/access.decorators.js';
import type { Principal } from '../auth/principal.js';
import { TaskFormView } from './dto/form.view.js';
import { FormsService } from './forms.service.js';

@ApiTags('tasks')
@Controller('tasks')
export class TaskFormsController {
  constructor(private readonly forms: FormsService) {}

  @Get(':id/form')
  @Allow('GET /api/tasks/{id}/form')
  @ApiOkResponse({ type: TaskFormView, description: "The task's form-js schema and the case's variables to prefill it" })
  @ApiNotFoundResponse({ description: 'TASK_NOT_FOUND, or FORM_NOT_FOUND when the task has no form of ours' })
  @ApiForbiddenResponse({
    description: "TASK_NOT_CANDIDATE: neither assigned nor offered to the caller; CASE_ACCESS_ENDED: the task has ended and no open task of its case is the caller's",
  })
  form(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<TaskFormView> {
    return this.forms.taskForm(id, principal);
  }
}
