import { Body, Controller, HttpCode, HttpStatus, Param, Post, UseFilters, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from '../auth/access.decorators.js';
import type { Principal } from '../auth/principal.js';
import { InstancesService } from '../instances/instances.service.js';
import { refuseStartBeforeUnlessAdmin } from '../instances/start-before-access.js';
import { CamundaExceptionFilter } from './camunda-exception.filter.js';
import { definitionIdOf } from './camunda-ids.js';
import { CamundaJsonInterceptor } from './camunda-json.js';
import { startOf } from './camunda-requests.js';
import { processInstanceOf } from './camunda-views.js';

/** Camunda 7's process start: by key the latest version (or an experiment's arm), by id that very version. */
@ApiTags('camunda-7')
@Controller('engine-rest/process-definition')
@UseFilters(CamundaExceptionFilter)
@UseInterceptors(CamundaJsonInterceptor)
export class CamundaProcessDefinitionsController {
  constructor(private readonly instances: InstancesService) {}

  @Post('key/:key/start')
  @Allow('POST /engine-rest/process-definition/key/{key}/start')
  @HttpCode(HttpStatus.OK)
  async startByKey(@Param('key') key: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    const { withVariablesInReturn, ...start } = startOf(body);
    refuseStartBeforeUnlessAdmin(principal, start.startBefore);
    return processInstanceOf(await this.instances.start(key, start), withVariablesInReturn);
  }

  @Post(':id/start')
  @Allow('POST /engine-rest/process-definition/{id}/start')
  @HttpCode(HttpStatus.OK)
  async startById(@Param('id') id: string, @Body() body: unknown, @CurrentPrincipal() principal: Principal) {
    const { withVariablesInReturn, ...start } = startOf(body);
    refuseStartBeforeUnlessAdmin(principal, start.startBefore);
    return processInstanceOf(await this.instances.startOnVersion(definitionIdOf(id), start), withVariablesInReturn);
  }
}
