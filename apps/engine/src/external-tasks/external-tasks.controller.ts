import { Body, Controller, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow } from '../auth/access.decorators.js';
import { InstanceView } from '../instances/dto/instance.view.js';
import { CompleteExternalTaskDto } from './dto/complete-external-task.dto.js';
import { ExternalTaskFailureDto } from './dto/external-task-failure.dto.js';
import { BpmnErrorOutcomeView, ExternalTaskFailureView, LockedExternalTaskView } from './dto/external-task.view.js';
import { FetchAndLockDto } from './dto/fetch-and-lock.dto.js';
import { ThrowBpmnErrorDto } from './dto/throw-bpmn-error.dto.js';
import { ExternalTasksService } from './external-tasks.service.js';

@ApiTags('external-tasks')
@Controller('external-tasks')
export class ExternalTasksController {
  constructor(private readonly externalTasks: ExternalTasksService) {}

  @Post('fetch-and-lock')
  @Allow('POST /api/external-tasks/fetch-and-lock')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: [LockedExternalTaskView],
    description: 'The tasks now locked for the worker (may be empty); with asyncResponseTimeoutMs, answered when one arrives or the time is up',
  })
  fetchAndLock(@Body() body: FetchAndLockDto, @Res({ passthrough: true }) response: Response): Promise<LockedExternalTaskView[]> {
    // A worker that hangs up stops its long poll: nothing is locked for it any more.
    const workerGone = new AbortController();
    response.on('close', () => workerGone.abort());
    return this.externalTasks.fetchAndLock(body, workerGone.signal);
  }

  @Post(':id/complete')
  @Allow('POST /api/external-tasks/{id}/complete')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: InstanceView, description: 'The instance after the task completed' })
  @ApiNotFoundResponse({ description: 'EXTERNAL_TASK_NOT_FOUND' })
  @ApiConflictResponse({ description: 'EXTERNAL_TASK_NOT_LOCKED (wrong worker, lock expired), ACTIVITY_NOT_ACTIVE' })
  complete(@Param('id', ParseUUIDPipe) id: string, @Body() body: CompleteExternalTaskDto): Promise<InstanceView> {
    return this.externalTasks.complete(id, body);
  }

  @Post(':id/bpmn-error')
  @Allow('POST /api/external-tasks/{id}/bpmn-error')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: BpmnErrorOutcomeView,
    description: 'caught: an error boundary event or event sub-process took the error; incident: nothing catches it, the task waits under an incident',
  })
  @ApiBadRequestResponse({ description: 'A missing or malformed field, named in the message' })
  @ApiNotFoundResponse({ description: 'EXTERNAL_TASK_NOT_FOUND' })
  @ApiConflictResponse({ description: 'EXTERNAL_TASK_NOT_LOCKED (wrong worker, lock expired), ACTIVITY_NOT_ACTIVE, INSTANCE_SUSPENDED' })
  throwBpmnError(@Param('id', ParseUUIDPipe) id: string, @Body() body: ThrowBpmnErrorDto): Promise<BpmnErrorOutcomeView> {
    return this.externalTasks.throwBpmnError(id, body);
  }

  @Post(':id/failure')
  @Allow('POST /api/external-tasks/{id}/failure')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: ExternalTaskFailureView })
  @ApiNotFoundResponse({ description: 'EXTERNAL_TASK_NOT_FOUND' })
  @ApiConflictResponse({ description: 'EXTERNAL_TASK_NOT_LOCKED (wrong worker, lock expired), ACTIVITY_NOT_ACTIVE' })
  fail(@Param('id', ParseUUIDPipe) id: string, @Body() body: ExternalTaskFailureDto): Promise<ExternalTaskFailureView> {
    return this.externalTasks.fail(id, body);
  }
}
