import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../auth/access.decorators.js';
import type { Principal } from '../auth/principal.js';
import { TOTAL_COUNT_HEADER } from '../common/page.query.js';
import { InstanceView } from '../instances/dto/instance.view.js';
import { ClaimTaskDto } from './dto/claim-task.dto.js';
import { CompleteTaskDto } from './dto/complete-task.dto.js';
import { TaskQuery } from './dto/task.query.js';
import { TaskView } from './dto/task.view.js';
import { TasksService } from './tasks.service.js';

@ApiTags('tasks')
@Roles('agent')
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOkResponse({ type: [TaskView], description: `Oldest first; the total in ${TOTAL_COUNT_HEADER}. An agent sees only the tasks assigned or offered to them` })
  async list(
    @Query() query: TaskQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TaskView[]> {
    const page = await this.tasks.list(query, principal);
    response.setHeader(TOTAL_COUNT_HEADER, String(page.total));
    return page.items;
  }

  @Get(':id')
  @ApiOkResponse({ type: TaskView })
  @ApiNotFoundResponse({ description: 'TASK_NOT_FOUND' })
  @ApiForbiddenResponse({ description: 'TASK_NOT_CANDIDATE: neither assigned nor offered to the caller' })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<TaskView> {
    return this.tasks.get(id, principal);
  }

  @Post(':id/claim')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: TaskView })
  @ApiForbiddenResponse({ description: 'TASK_NOT_CANDIDATE: neither assigned nor offered to the caller' })
  @ApiConflictResponse({ description: 'TASK_ALREADY_CLAIMED, ACTIVITY_NOT_ACTIVE, INSTANCE_NOT_ACTIVE, REVISION_CONFLICT' })
  claim(@Param('id', ParseUUIDPipe) id: string, @Body() _body: ClaimTaskDto, @CurrentPrincipal() principal: Principal): Promise<TaskView> {
    return this.tasks.claim(id, principal);
  }

  @Post(':id/complete')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: InstanceView, description: 'The instance after the task completed' })
  @ApiForbiddenResponse({ description: 'TASK_CLAIMED_BY_OTHER, TASK_NOT_CANDIDATE' })
  @ApiConflictResponse({ description: 'ACTIVITY_NOT_ACTIVE (already completed), INSTANCE_NOT_ACTIVE, REVISION_CONFLICT' })
  complete(@Param('id', ParseUUIDPipe) id: string, @Body() body: CompleteTaskDto, @CurrentPrincipal() principal: Principal): Promise<InstanceView> {
    return this.tasks.complete(id, body, principal);
  }
}
