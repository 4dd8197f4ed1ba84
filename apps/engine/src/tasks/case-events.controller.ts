import { Controller, Get, HttpCode, HttpStatus, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Allow } from '../auth/access.decorators.js';
import { Authenticator } from '../auth/authenticator.service.js';
import { TaskEventTicket } from './task-events.controller.js';
import { TaskEvents } from './task-events.service.js';
import { openWatchedStream } from './watched-stream.js';

/**
 * The insights' live running counts: each case that starts or ends, from any engine process, as it
 * commits. Opened like the tasklist's stream: a one-minute ticket asked for with the access token,
 * passed in the stream's URL (EventSource sends no Authorization header).
 */
@ApiTags('analytics')
@Controller('analytics/events')
export class CaseEventsController {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly events: TaskEvents,
  ) {}

  @Post('tickets')
  @Allow('POST /api/analytics/events/tickets')
  @HttpCode(HttpStatus.CREATED)
  @ApiCreatedResponse({ type: TaskEventTicket })
  @ApiForbiddenResponse({ description: 'ACCESS_DENIED: not an analyst, or an API key' })
  async ticket(@Req() request: Request): Promise<TaskEventTicket> {
    const { token, expiresAt } = await this.authenticator.eventTicket(request.headers);
    return { ticket: token, expiresAt: expiresAt.toISOString() };
  }

  @Get()
  @Allow('GET /api/analytics/events')
  @ApiOkResponse({
    description: 'text/event-stream: `ready`, then a `cases` event ({ changes: [{ instanceId, processVersionId, change: started | ended }] }) as cases start and end',
  })
  @ApiUnauthorizedResponse({ description: 'EVENT_TICKET_INVALID: no ticket, an expired one, or one of an ended session' })
  @ApiForbiddenResponse({ description: 'ACCESS_DENIED: the user is no analyst' })
  async stream(@Query('ticket') ticket: string | undefined, @Req() request: Request, @Res() response: Response): Promise<void> {
    await openWatchedStream(this.authenticator, this.events, { role: 'analyst', endpoint: 'GET /api/analytics/events', watches: 'cases' }, ticket, request, response);
  }
}
