import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CurrentPrincipal } from '../auth/access.decorators.js';
import type { Principal } from '../auth/principal.js';
import { TOTAL_COUNT_HEADER } from '../common/page.query.js';
import { InstanceView } from '../instances/dto/instance.view.js';
import { AssignTaskDto } from './dto/assign-task.dto.js';
import { ClaimTaskDto } from './dto/claim-task.dto.js';
import { CompleteTaskDto } from './dto/complete-task.dto.js';
import { DelegateTaskDto } from './dto/delegate-task.dto.js';
import { EscalateTaskDto } from './dto/escalate-task.dto.js';
import { TaskCommentDto } from './dto/task-comment.dto.js';
import { TaskCommentView } from './dto/task-comment.view.js';
import { TaskHistoryStepView } from './dto/task-history-step.view.js';
import { TASK_COUNT_CAP, TaskCountView } from './dto/task-count.view.js';
import { TaskCountQuery, TaskQuery } from './dto/task.query.js';
import { TaskView } from './dto/task.view.js';
import { TasksService } from './tasks.service.js';

const NOT_CANDIDATE = 'TASK_NOT_CANDIDATE: neither assigned nor offered to the caller';
const HELD_BY_OTHER = `TASK_CLAIMED_BY_OTHER: another user holds it; ${NOT_CANDIDATE}`;
const ENDED = `${NOT_CANDIDATE}; CASE_ACCESS_ENDED: the task has ended and no open task of its case is the caller's`;
const NOT_CANDIDATE_USER = 'ASSIGNEE_NOT_CANDIDATE: the user is unknown, disabled, no agent, or not a candidate for the task (details: field, username, taskId, reason)';
const STALE = 'ACTIVITY_NOT_ACTIVE (the task has ended), INSTANCE_NOT_ACTIVE, INSTANCE_SUSPENDED, REVISION_CONFLICT';

@ApiTags('tasks')
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @Allow('GET /api/tasks')
  @ApiOkResponse({
    type: [TaskView],
    description: `Highest priority, then soonest due first, unless sorted otherwise; the total in ${TOTAL_COUNT_HEADER} (not with total=false)`,
  })
  @ApiBadRequestResponse({ description: 'A filter value that does not parse, naming the field' })
  @ApiForbiddenResponse({ description: "CASE_ACCESS_ENDED: an instanceId (without status=open) whose case has no open task of the caller's" })
  async list(@Query() query: TaskQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: Response): Promise<TaskView[]> {
    const page = await this.tasks.list(query, principal);
    if (page.total !== undefined) response.setHeader(TOTAL_COUNT_HEADER, String(page.total));
    return page.items;
  }

  @Get('count')
  @Allow('GET /api/tasks/count')
  @ApiOkResponse({
    type: TaskCountView,
    description:
      `How many tasks GET /api/tasks with the same filters would list, counted up to ${TASK_COUNT_CAP}: exact up to it, ` +
      `\`{ "count": ${TASK_COUNT_CAP}, "more": true }\` past it ` +
      '(reading on would cost a scan of the whole queue)',
  })
  @ApiBadRequestResponse({ description: 'A filter value that does not parse, naming the field' })
  @ApiForbiddenResponse({ description: "CASE_ACCESS_ENDED: an instanceId (without status=open) whose case has no open task of the caller's" })
  count(@Query() query: TaskCountQuery, @CurrentPrincipal() principal: Principal): Promise<TaskCountView> {
    return this.tasks.count(query, principal);
  }

  @Get(':id')
  @Allow('GET /api/tasks/{id}')
  @ApiOkResponse({ type: TaskView })
  @ApiNotFoundResponse({ description: 'TASK_NOT_FOUND' })
  @ApiForbiddenResponse({ description: ENDED })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<TaskView> {
    return this.tasks.get(id, principal);
  }

  @Post(':id/claim')
  @Allow('POST /api/tasks/{id}/claim')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: TaskView, description: 'Claimed (state claimed), or claimed and started with { "start": true }' })
  @ApiForbiddenResponse({ description: NOT_CANDIDATE })
  @ApiConflictResponse({ description: `TASK_ALREADY_CLAIMED, ${STALE}` })
  claim(@Param('id', ParseUUIDPipe) id: string, @Body() body: ClaimTaskDto, @CurrentPrincipal() principal: Principal): Promise<TaskView> {
    return this.tasks.claim(id, body.start, principal);
  }

  @Post(':id/unclaim')
  @Allow('POST /api/tasks/{id}/unclaim')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: TaskView, description: 'Back in the queue (a started task is paused first)' })
  @ApiForbiddenResponse({ description: HELD_BY_OTHER })
  @ApiConflictResponse({ description: `TASK_WRONG_STATE (nobody holds it), ${STALE}` })
  unclaim(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<TaskView> {
    return this.tasks.work(id, 'unclaimTask', principal);
  }

  @Post(':id/start')
  @Allow('POST /api/tasks/{id}/start')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: TaskView, description: 'Started (claimed first when nobody held it)' })
  @ApiForbiddenResponse({ description: HELD_BY_OTHER })
  @ApiConflictResponse({ description: `TASK_WRONG_STATE (already started), ${STALE}` })
  start(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<TaskView> {
    return this.tasks.work(id, 'startTask', principal);
  }

  @Post(':id/pause')
  @Allow('POST /api/tasks/{id}/pause')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: TaskView })
  @ApiForbiddenResponse({ description: HELD_BY_OTHER })
  @ApiConflictResponse({ description: `TASK_WRONG_STATE (not started), ${STALE}` })
  pause(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<TaskView> {
    return this.tasks.work(id, 'pauseTask', principal);
  }

  @Post(':id/assign')
  @Allow('POST /api/tasks/{id}/assign')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: TaskView })
  @ApiBadRequestResponse({ description: NOT_CANDIDATE_USER })
  @ApiForbiddenResponse({ description: `TASK_ASSIGN_DENIED: only a supervisor, an admin or the assignee; ${NOT_CANDIDATE}` })
  @ApiConflictResponse({ description: STALE })
  assign(@Param('id', ParseUUIDPipe) id: string, @Body() body: AssignTaskDto, @CurrentPrincipal() principal: Principal): Promise<TaskView> {
    return this.tasks.assign(id, body.assignee, principal);
  }

  @Post(':id/delegate')
  @Allow('POST /api/tasks/{id}/delegate')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: TaskView, description: 'The delegate holds it; the caller stays its owner and gets it back when the delegate completes it' })
  @ApiBadRequestResponse({ description: NOT_CANDIDATE_USER })
  @ApiForbiddenResponse({ description: HELD_BY_OTHER })
  @ApiConflictResponse({ description: `TASK_WRONG_STATE (claim it first), ${STALE}` })
  delegate(@Param('id', ParseUUIDPipe) id: string, @Body() body: DelegateTaskDto, @CurrentPrincipal() principal: Principal): Promise<TaskView> {
    return this.tasks.delegate(id, body.to, principal);
  }

  @Post(':id/complete')
  @Allow('POST /api/tasks/{id}/complete')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: InstanceView, description: 'The instance after the task completed (or, from a delegate, went back to its owner)' })
  @ApiBadRequestResponse({ description: "FORM_INVALID: the variables do not fit the task's form, naming the fields" })
  @ApiForbiddenResponse({ description: HELD_BY_OTHER })
  @ApiConflictResponse({ description: STALE })
  complete(@Param('id', ParseUUIDPipe) id: string, @Body() body: CompleteTaskDto, @CurrentPrincipal() principal: Principal): Promise<InstanceView> {
    return this.tasks.complete(id, body, principal);
  }

  @Post(':id/escalate')
  @Allow('POST /api/tasks/{id}/escalate')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: TaskView, description: 'Where the model sends it: an escalation boundary event, tandem:escalateTo, or the next lane' })
  @ApiBadRequestResponse({ description: 'ESCALATION_REASON_UNKNOWN, naming the reason code' })
  @ApiForbiddenResponse({ description: HELD_BY_OTHER })
  @ApiConflictResponse({ description: `TASK_NOT_ESCALATABLE: the model gives it nowhere to go; ${STALE}` })
  escalate(@Param('id', ParseUUIDPipe) id: string, @Body() body: EscalateTaskDto, @CurrentPrincipal() principal: Principal): Promise<TaskView> {
    return this.tasks.escalate(id, body, principal);
  }

  @Post(':id/comments')
  @Allow('POST /api/tasks/{id}/comments')
  @ApiCreatedResponse({ type: TaskCommentView })
  @ApiForbiddenResponse({ description: ENDED })
  addComment(@Param('id', ParseUUIDPipe) id: string, @Body() body: TaskCommentDto, @CurrentPrincipal() principal: Principal): Promise<TaskCommentView> {
    return this.tasks.comment(id, body.text, principal);
  }

  @Get(':id/comments')
  @Allow('GET /api/tasks/{id}/comments')
  @ApiOkResponse({ type: [TaskCommentView], description: 'Oldest first' })
  @ApiForbiddenResponse({ description: ENDED })
  comments(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<TaskCommentView[]> {
    return this.tasks.comments(id, principal);
  }

  @Get(':id/history')
  @Allow('GET /api/tasks/{id}/history')
  @ApiOkResponse({ type: [TaskHistoryStepView], description: "The steps of the task's case so far, in order: what, where, when, who" })
  @ApiForbiddenResponse({ description: ENDED })
  history(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<TaskHistoryStepView[]> {
    return this.tasks.history(id, principal);
  }
}
