import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/access.decorators.js';
import { DefinitionsService } from './definitions.service.js';
import { DecisionDetailView, DecisionView } from './dto/decision.view.js';
import { DecisionQuery } from './dto/decision.query.js';

@ApiTags('definitions')
@Controller('decisions')
export class DecisionsController {
  constructor(private readonly definitions: DefinitionsService) {}

  @Get()
  @Allow('GET /api/decisions')
  @ApiOkResponse({ type: [DecisionView], description: 'Deployed decision versions, by decision id, newest version first' })
  async list(@Query() query: DecisionQuery): Promise<DecisionView[]> {
    return (await this.definitions.listDecisions(query.key)).map(DecisionView.of);
  }

  @Get(':id')
  @Allow('GET /api/decisions/{id}')
  @ApiOkResponse({ type: DecisionDetailView })
  @ApiNotFoundResponse({ description: 'DECISION_VERSION_NOT_FOUND' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<DecisionDetailView> {
    return DecisionDetailView.ofDetail(await this.definitions.findDecision(id));
  }
}
