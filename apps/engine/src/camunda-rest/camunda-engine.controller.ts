import { Controller, Get, UseFilters, UseInterceptors } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/access.decorators.js';
import { CamundaExceptionFilter } from './camunda-exception.filter.js';
import { CamundaJsonInterceptor } from './camunda-json.js';
import { CAMUNDA_API_VERSION, ENGINE_NAME } from './camunda-views.js';

/** What Camunda 7 clients ask first: which engines there are, and which API version answers. */
@ApiTags('camunda-7')
@Controller('engine-rest')
@UseFilters(CamundaExceptionFilter)
@UseInterceptors(CamundaJsonInterceptor)
export class CamundaEngineController {
  @Get('engine')
  @Allow('GET /engine-rest/engine')
  engines() {
    return [{ name: ENGINE_NAME }];
  }

  @Get('version')
  @Allow('GET /engine-rest/version')
  version() {
    return { version: CAMUNDA_API_VERSION };
  }
}
