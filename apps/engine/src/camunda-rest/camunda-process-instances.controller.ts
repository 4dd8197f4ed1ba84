import { Controller, Delete, Get, HttpCode, HttpStatus, Param, Query, UseFilters, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from '../auth/access.decorators.js';
import type { Principal } from '../auth/principal.js';
import { InstanceOperationsService } from '../instances/instance-operations.service.js';
import { InstancesService } from '../instances/instances.service.js';
import { CamundaExceptionFilter } from './camunda-exception.filter.js';
import { instanceIdOf } from './camunda-ids.js';
import { CamundaJsonInterceptor } from './camunda-json.js';
import { pageOf, queryText } from './camunda-requests.js';
import { activityInstanceTreeOf, processInstanceOf, processInstanceSummaryOf } from './camunda-views.js';
import { typedVariablesOf } from './camunda-variables.js';

/** Camunda 7's process instances: read, list, variables, delete (Tandem cancels the case; its history stays). */
@ApiTags('camunda-7')
@Controller('engine-rest/process-instance')
@UseFilters(CamundaExceptionFilter)
@UseInterceptors(CamundaJsonInterceptor)
export class CamundaProcessInstancesController {
  constructor(
    private readonly instances: InstancesService,
    private readonly operations: InstanceOperationsService,
  ) {}

  @Get()
  @Allow('GET /engine-rest/process-instance')
  async list(@Query() query: Record<string, unknown>) {
    const processKey = queryText(query, 'processDefinitionKey');
    const businessKey = queryText(query, 'businessKey');
    const page = await this.instances.list({
      ...pageOf(query),
      ...(processKey !== undefined && { processKey }),
      ...(businessKey !== undefined && { businessKey }),
    });
    return page.items.map(processInstanceSummaryOf);
  }

  @Get(':id')
  @Allow('GET /engine-rest/process-instance/{id}')
  async get(@Param('id') id: string) {
    return processInstanceOf(await this.instances.get(instanceIdOf(id)), false);
  }

  @Get(':id/variables')
  @Allow('GET /engine-rest/process-instance/{id}/variables')
  async variables(@Param('id') id: string) {
    return typedVariablesOf((await this.instances.get(instanceIdOf(id))).variables);
  }

  @Get(':id/activity-instances')
  @Allow('GET /engine-rest/process-instance/{id}/activity-instances')
  async activityInstances(@Param('id') id: string) {
    return activityInstanceTreeOf(await this.instances.get(instanceIdOf(id)));
  }

  @Delete(':id')
  @Allow('DELETE /engine-rest/process-instance/{id}')
  @HttpCode(HttpStatus.NO_CONTENT)
  async delete(@Param('id') id: string, @Query() query: Record<string, unknown>, @CurrentPrincipal() principal: Principal): Promise<void> {
    const reason = queryText(query, 'deleteReason');
    await this.operations.cancel(instanceIdOf(id), { ...(reason !== undefined && { reason }) }, principal.name);
  }
}
