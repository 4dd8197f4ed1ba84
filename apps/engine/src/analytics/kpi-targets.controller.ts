import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from '../auth/access.decorators.js';
import type { Principal } from '../auth/principal.js';
import { KPI_TARGET_KEYS } from './kpi-targets-defaults.js';
import { KpiTargetsService, type KpiTargetsView } from './kpi-targets.service.js';

/** The baseline and target of each KPI per process key, which the insights page compares the figures with. */
@ApiTags('analytics')
@Controller('analytics/kpi-targets')
export class KpiTargetsController {
  constructor(private readonly targets: KpiTargetsService) {}

  @Get(':processKey')
  @Allow('GET /api/analytics/kpi-targets/{processKey}')
  @ApiOkResponse({ description: 'The stored targets of the process key, or the documented defaults (source tells which)' })
  get(@Param('processKey') processKey: string): Promise<KpiTargetsView> {
    return this.targets.get(processKey);
  }

  @Put(':processKey')
  @Allow('PUT /api/analytics/kpi-targets/{processKey}')
  @ApiBody({
    description: `{ kpi: { baseline?, target? } } for the KPIs ${KPI_TARGET_KEYS.join(', ')}; shares as fractions (0.85), lead times in hours. Replaces the stored set.`,
    schema: { type: 'object', additionalProperties: { type: 'object', properties: { baseline: { type: 'number' }, target: { type: 'number' } } } },
  })
  @ApiOkResponse({ description: 'The stored targets' })
  @ApiBadRequestResponse({ description: 'KPI_TARGETS_INVALID: an unknown KPI or field, or a value that is not a number (details.field names it)' })
  put(@Param('processKey') processKey: string, @Body() body: Record<string, unknown>, @CurrentPrincipal() principal: Principal): Promise<KpiTargetsView> {
    return this.targets.put(processKey, body, principal.name);
  }
}
