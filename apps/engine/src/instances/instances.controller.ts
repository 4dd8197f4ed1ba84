import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { IdempotencyClaim } from '#persistence';
import type { Response } from 'express';
import { Allow, CurrentPrincipal } from '../auth/access.decorators.js';
import type { Principal } from '../auth/principal.js';
import { TOTAL_COUNT_HEADER } from '../common/page.query.js';
import { KeyedRequest } from '../idempotency/keyed-request.decorator.js';
import { InstanceQuery } from './dto/instance.query.js';
import { InstanceSummaryView } from './dto/instance-summary.view.js';
import { InstanceView } from './dto/instance.view.js';
import { StartInstanceDto } from './dto/start-instance.dto.js';
import { StepView } from './dto/step.view.js';
import { InstancesService } from './instances.service.js';
import { refuseStartBeforeUnlessAdmin } from './start-before-access.js';

@ApiTags('instances')
@Controller()
export class InstancesController {
  constructor(private readonly instances: InstancesService) {}

  @Post('processes/:key/instances')
  @Allow('POST /api/processes/{key}/instances')
  @ApiCreatedResponse({ type: InstanceView, description: 'The instance, started on the newest version of the key' })
  @ApiNotFoundResponse({ description: 'PROCESS_NOT_FOUND' })
  @ApiConflictResponse({ description: 'BUSINESS_KEY_TAKEN (a process marked tandem:uniqueBusinessKey), IDEMPOTENCY_KEY_IN_PROGRESS' })
  @ApiForbiddenResponse({ description: 'ACCESS_DENIED: startBefore by someone who is no admin' })
  start(
    @Param('key') key: string,
    @Body() body: StartInstanceDto,
    @CurrentPrincipal() principal: Principal,
    @KeyedRequest() idempotency?: IdempotencyClaim,
  ): Promise<InstanceView> {
    refuseStartBeforeUnlessAdmin(principal, body.startBefore);
    return this.instances.start(key, body, idempotency);
  }

  @Get('instances')
  @Allow('GET /api/instances')
  @ApiOkResponse({ type: [InstanceSummaryView], description: `Newest first; the total in ${TOTAL_COUNT_HEADER}` })
  async list(@Query() query: InstanceQuery, @Res({ passthrough: true }) response: Response): Promise<InstanceSummaryView[]> {
    const page = await this.instances.list(query);
    response.setHeader(TOTAL_COUNT_HEADER, String(page.total));
    return page.items;
  }

  @Get('instances/:id')
  @Allow('GET /api/instances/{id}')
  @ApiOkResponse({ type: InstanceView })
  @ApiNotFoundResponse({ description: 'INSTANCE_NOT_FOUND' })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<InstanceView> {
    return this.instances.get(id);
  }

  @Get('instances/:id/steps')
  @Allow('GET /api/instances/{id}/steps')
  @ApiOkResponse({ type: [StepView] })
  @ApiNotFoundResponse({ description: 'INSTANCE_NOT_FOUND' })
  steps(@Param('id', ParseUUIDPipe) id: string): Promise<StepView[]> {
    return this.instances.steps(id);
  }
}
