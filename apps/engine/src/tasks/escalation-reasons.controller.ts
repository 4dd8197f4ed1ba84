import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/access.decorators.js';
import { ESCALATION_REASONS } from './escalation-reasons.js';

@ApiTags('tasks')
@Controller('escalation-reasons')
export class EscalationReasonsController {
  constructor(@Inject(ESCALATION_REASONS) private readonly reasons: readonly string[]) {}

  @Get()
  @Allow('GET /api/escalation-reasons')
  @ApiOkResponse({ type: [String], description: 'The reason codes an escalation takes (TANDEM_ESCALATION_REASONS, else the default list)' })
  list(): readonly string[] {
    return this.reasons;
  }
}
