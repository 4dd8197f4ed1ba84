import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { IncidentQuery } from './dto/incident.query.js';
import { IncidentView } from './dto/incident.view.js';
import { IncidentsService } from './incidents.service.js';

@ApiTags('incidents')
@Controller('incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Get()
  @ApiOkResponse({ type: [IncidentView] })
  async list(@Query() query: IncidentQuery): Promise<IncidentView[]> {
    return (await this.incidents.list(query)).map(IncidentView.of);
  }
}
