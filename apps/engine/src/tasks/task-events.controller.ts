import { Controller, Get, HttpCode, HttpStatus, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiProperty, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { TaskEventTicketView } from '#api-types';
import { Allow } from '../auth/access.decorators.js';
import { Authenticator } from '../auth/authenticator.service.js';
import { TaskEvents } from './task-events.service.js';
import { openWatchedStream } from './watched-stream.js';

/** A ticket that opens one event stream (the tasklist's or the insights'). */
export class TaskEventTicket implements TaskEventTicketView {
  @ApiProperty({ description: 'pass as GET /api/tasks/events?ticket=' })
  ticket: string;
  @ApiProperty()
  expiresAt: string;
}

/**
 * The tasklist's live updates. EventSource sends no Authorization header and the web app keeps its
 * access token in memory, so the browser first asks (with its token) for a ticket that opens one
 * stream within a minute, and passes it in the stream's URL.
 */
@ApiTags('tasks')
@Controller('tasks/events')
export class TaskEventsController {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly events: TaskEvents,
  ) {}

  @Post('tickets')
  @Allow('POST /api/tasks/events/tickets')
  @HttpCode(HttpStatus.CREATED)
  @ApiCreatedResponse({ type: TaskEventTicket })
  @ApiForbiddenResponse({ description: 'ACCESS_DENIED: not an agent, or an API key' })
  async ticket(@Req() request: Request): Promise<TaskEventTicket> {
    const { token, expiresAt } = await this.authenticator.eventTicket(request.headers);
    return { ticket: token, expiresAt: expiresAt.toISOString() };
  }

  @Get()
  @Allow('GET /api/tasks/events')
  @ApiOkResponse({
    description: 'text/event-stream: `ready`, then a `task` event (TaskEventView) for each change to a task the user may see, `resync` when changes may have been missed',
  })
  @ApiUnauthorizedResponse({ description: 'EVENT_TICKET_INVALID: no ticket, an expired one, or one of an ended session' })
  @ApiForbiddenResponse({ description: 'ACCESS_DENIED: the user is no agent' })
  async stream(@Query('ticket') ticket: string | undefined, @Req() request: Request, @Res() response: Response): Promise<void> {
    await openWatchedStream(this.authenticator, this.events, { role: 'agent', endpoint: 'GET /api/tasks/events', watches: 'tasks' }, ticket, request, response);
  }
}
