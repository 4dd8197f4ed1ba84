import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res, UseFilters, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow } from '../auth/access.decorators.js';
import { ExternalTasksService } from '../external-tasks/external-tasks.service.js';
import { CamundaExceptionFilter } from './camunda-exception.filter.js';
import { CamundaJsonInterceptor } from './camunda-json.js';
import { bpmnErrorOf, completeOf, extendLockOf, externalTaskQueryOf, failureOf, fetchAndLockOf } from './camunda-requests.js';
import { externalTaskIdOf } from './camunda-ids.js';
import { externalTaskOf, lockedExternalTaskOf } from './camunda-views.js';

/** Camunda 7's external task API, as camunda-external-task-client-js and the Java client call it. */
@ApiTags('camunda-7')
@Controller('engine-rest/external-task')
@UseFilters(CamundaExceptionFilter)
@UseInterceptors(CamundaJsonInterceptor)
export class CamundaExternalTasksController {
  constructor(private readonly externalTasks: ExternalTasksService) {}

  @Post('fetchAndLock')
  @Allow('POST /engine-rest/external-task/fetchAndLock')
  @HttpCode(HttpStatus.OK)
  async fetchAndLock(@Body() body: unknown, @Res({ passthrough: true }) response: Response) {
    const fetch = fetchAndLockOf(body);
    // A worker that hangs up stops its long poll: nothing is locked for it any more.
    const workerGone = new AbortController();
    response.on('close', () => workerGone.abort());
    const locked = await this.externalTasks.fetchAndLock(fetch, workerGone.signal);
    return locked.map((task) => lockedExternalTaskOf(task, fetch.topics.find((topic) => topic.name === task.topic)?.variables));
  }

  @Get()
  @Allow('GET /engine-rest/external-task')
  async list(@Query() query: Record<string, unknown>) {
    return (await this.externalTasks.list(externalTaskQueryOf(query))).map(externalTaskOf);
  }

  @Get(':id')
  @Allow('GET /engine-rest/external-task/{id}')
  async get(@Param('id') id: string) {
    return externalTaskOf(await this.externalTasks.get(externalTaskIdOf(id)));
  }

  @Post(':id/complete')
  @Allow('POST /engine-rest/external-task/{id}/complete')
  @HttpCode(HttpStatus.NO_CONTENT)
  async complete(@Param('id') id: string, @Body() body: unknown): Promise<void> {
    await this.externalTasks.complete(externalTaskIdOf(id), completeOf(body));
  }

  @Post(':id/failure')
  @Allow('POST /engine-rest/external-task/{id}/failure')
  @HttpCode(HttpStatus.NO_CONTENT)
  async failure(@Param('id') id: string, @Body() body: unknown): Promise<void> {
    await this.externalTasks.fail(externalTaskIdOf(id), failureOf(body));
  }

  @Post(':id/bpmnError')
  @Allow('POST /engine-rest/external-task/{id}/bpmnError')
  @HttpCode(HttpStatus.NO_CONTENT)
  async bpmnError(@Param('id') id: string, @Body() body: unknown): Promise<void> {
    await this.externalTasks.throwBpmnError(externalTaskIdOf(id), bpmnErrorOf(body));
  }

  @Post(':id/extendLock')
  @Allow('POST /engine-rest/external-task/{id}/extendLock')
  @HttpCode(HttpStatus.NO_CONTENT)
  async extendLock(@Param('id') id: string, @Body() body: unknown): Promise<void> {
    const { workerId, newDurationMs } = extendLockOf(body);
    await this.externalTasks.extendLock(externalTaskIdOf(id), workerId, newDurationMs);
  }

  @Post(':id/unlock')
  @Allow('POST /engine-rest/external-task/{id}/unlock')
  @HttpCode(HttpStatus.NO_CONTENT)
  async unlock(@Param('id') id: string): Promise<void> {
    await this.externalTasks.unlock(externalTaskIdOf(id));
  }
}
