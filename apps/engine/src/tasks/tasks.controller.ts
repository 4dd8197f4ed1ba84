import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { TOTAL_COUNT_HEADER } from '../common/page.query.js';
import { InstanceView } from '../instances/dto/instance.view.js';
import { ClaimTaskDto } from './dto/claim-task.dto.js';
import { CompleteTaskDto } from './dto/complete-task.dto.js';
import { TaskQuery } from './dto/task.query.js';
import { TaskView } from './dto/task.view.js';
import { TasksService } from './tasks.service.js';

@ApiTags('tasks')
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOkResponse({ type: [TaskView], description: `Oldest first; the total in ${TOTAL_COUNT_HEADER}` })
  async list(@Query() query: TaskQuery, @Res({ passthrough: true }) response: Response): Promise<TaskView[]> {
    const page = await this.tasks.list(query);
    response.setHeader(TOTAL_COUNT_HEADER, String(page.total));
    return page.items;
  }

  @Get(':id')
  @ApiOkResponse({ type: TaskView })
  @ApiNotFoundResponse({ description: 'TASK_NOT_FOUND' })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<TaskView> {
    return this.tasks.get(id);
  }

  @Post(':id/claim')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: TaskView })
  @ApiConflictResponse({ description: 'TASK_ALREADY_CLAIMED, ACTIVITY_NOT_ACTIVE, INSTANCE_NOT_ACTIVE, REVISION_CONFLICT' })
  claim(@Param('id', ParseUUIDPipe) id: string, @Body() body: ClaimTaskDto): Promise<TaskView> {
    return this.tasks.claim(id, body.userId);
  }

  @Post(':id/complete')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: InstanceView, description: 'The instance after the task completed' })
  @ApiForbiddenResponse({ description: 'TASK_CLAIMED_BY_OTHER' })
  @ApiConflictResponse({ description: 'ACTIVITY_NOT_ACTIVE (already completed), INSTANCE_NOT_ACTIVE, REVISION_CONFLICT' })
  complete(@Param('id', ParseUUIDPipe) id: string, @Body() body: CompleteTaskDto): Promise<InstanceView> {
    return this.tasks.complete(id, body);
  }
}
