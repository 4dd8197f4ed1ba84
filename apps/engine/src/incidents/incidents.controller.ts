import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow } from '../auth/access.decorators.js';
import { TOTAL_COUNT_HEADER } from '../common/page.query.js';
import { IncidentQuery } from './dto/incident.query.js';
import { IncidentView } from './dto/incident.view.js';
import { RetryIncidentDto } from './dto/retry-incident.dto.js';
import { IncidentsService } from './incidents.service.js';

@ApiTags('incidents')
@Controller('incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Get()
  @Allow('GET /api/incidents')
  @ApiOkResponse({ type: [IncidentView], description: `Oldest first; the total in ${TOTAL_COUNT_HEADER}` })
  async list(@Query() query: IncidentQuery, @Res({ passthrough: true }) response: Response): Promise<IncidentView[]> {
    const { limit, offset, ...filter } = query;
    const page = await this.incidents.list(filter, { limit, offset });
    response.setHeader(TOTAL_COUNT_HEADER, String(page.total));
    return page.items.map(IncidentView.of);
  }

  @Get(':id')
  @Allow('GET /api/incidents/{id}')
  @ApiOkResponse({ type: IncidentView })
  @ApiNotFoundResponse({ description: 'INCIDENT_NOT_FOUND' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<IncidentView> {
    return IncidentView.of(await this.incidents.get(id));
  }

  @Post(':id/retry')
  @Allow('POST /api/incidents/{id}/retry')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: IncidentView, description: 'The incident, resolved; its external task is fetchable or its job due again' })
  @ApiNotFoundResponse({ description: 'INCIDENT_NOT_FOUND' })
  @ApiConflictResponse({ description: 'INCIDENT_ALREADY_RESOLVED' })
  async retry(@Param('id', ParseUUIDPipe) id: string, @Body() body: RetryIncidentDto): Promise<IncidentView> {
    return IncidentView.of(await this.incidents.retry(id, body.retries ?? 1));
  }

  @Post(':id/resolve')
  @Allow('POST /api/incidents/{id}/resolve')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: IncidentView, description: 'The incident, resolved; its work stays parked (handled outside the engine)' })
  @ApiNotFoundResponse({ description: 'INCIDENT_NOT_FOUND' })
  @ApiConflictResponse({ description: 'INCIDENT_ALREADY_RESOLVED' })
  async resolve(@Param('id', ParseUUIDPipe) id: string): Promise<IncidentView> {
    return IncidentView.of(await this.incidents.resolve(id));
  }
}
