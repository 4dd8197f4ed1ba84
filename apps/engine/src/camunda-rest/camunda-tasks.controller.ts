import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res, UseFilters, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CurrentPrincipal } from '../auth/access.decorators.js';
import type { Principal } from '../auth/principal.js';
import { FormsService } from '../forms/forms.service.js';
import { TasksService } from '../tasks/tasks.service.js';
import { CamundaExceptionFilter } from './camunda-exception.filter.js';
import { taskIdOf } from './camunda-ids.js';
import { CamundaJsonInterceptor, sendCamundaJson } from './camunda-json.js';
import { claimOf, completeTaskOf, queryText, taskQueryOf } from './camunda-requests.js';
import { typedVariablesOf } from './camunda-variables.js';
import { taskOf } from './camunda-views.js';

/** Camunda 7's user tasks for a portal acting as an agent: the agent's own rules apply (only tasks offered to them). */
@ApiTags('camunda-7')
@Controller('engine-rest/task')
@UseFilters(CamundaExceptionFilter)
@UseInterceptors(CamundaJsonInterceptor)
export class CamundaTasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly forms: FormsService,
  ) {}

  @Get()
  @Allow('GET /engine-rest/task')
  async list(@Query() query: Record<string, unknown>, @CurrentPrincipal() principal: Principal) {
    const page = await this.tasks.list(taskQueryOf(query), principal);
    return page.items.map(taskOf);
  }

  @Post(':id/claim')
  @Allow('POST /engine-rest/task/{id}/claim')
  @HttpCode(HttpStatus.NO_CONTENT)
  async claim(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<void> {
    claimOf(body, principal.name);
    await this.tasks.claim(taskIdOf(id), false, principal);
  }

  @Post(':id/unclaim')
  @Allow('POST /engine-rest/task/{id}/unclaim')
  @HttpCode(HttpStatus.NO_CONTENT)
  async unclaim(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.tasks.work(taskIdOf(id), 'unclaimTask', principal);
  }

  /** 204, or 200 with the case's variables when asked for (withVariablesInReturn): the status depends on the body, so the handler answers itself. */
  @Post(':id/complete')
  @Allow('POST /engine-rest/task/{id}/complete')
  async complete(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal, @Res() response: Response): Promise<void> {
    const { withVariablesInReturn, ...completion } = completeTaskOf(body);
    const instance = await this.tasks.complete(taskIdOf(id), completion, principal);
    if (withVariablesInReturn) sendCamundaJson(response, HttpStatus.OK, typedVariablesOf(instance.variables));
    else response.status(HttpStatus.NO_CONTENT).end();
  }

  @Get(':id/form-variables')
  @Allow('GET /engine-rest/task/{id}/form-variables')
  async formVariables(@Param('id') id: string, @Query() query: Record<string, unknown>, @CurrentPrincipal() principal: Principal) {
    const names = queryText(query, 'variableNames')?.split(',');
    return typedVariablesOf(await this.forms.taskVariables(taskIdOf(id), principal), names);
  }
}
