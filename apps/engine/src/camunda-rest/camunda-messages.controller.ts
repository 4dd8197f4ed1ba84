import { Body, Controller, HttpStatus, Post, Res, UseFilters } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow } from '../auth/access.decorators.js';
import { MessagesService } from '../messages/messages.service.js';
import { CamundaExceptionFilter } from './camunda-exception.filter.js';
import { sendCamundaJson } from './camunda-json.js';
import { messageOf } from './camunda-requests.js';
import { messageResultOf } from './camunda-views.js';

/** Camunda 7's message correlation: one waiting subscription or one message start event takes it, or it is refused (never buffered here). */
@ApiTags('camunda-7')
@Controller('engine-rest/message')
@UseFilters(CamundaExceptionFilter)
export class CamundaMessagesController {
  constructor(private readonly messages: MessagesService) {}

  /** 204, or 200 with the result when asked for (resultEnabled): the status depends on the body, so the handler answers itself. */
  @Post()
  @Allow('POST /engine-rest/message')
  async correlate(@Body() body: unknown, @Res() response: Response): Promise<void> {
    const { resultEnabled, ...message } = messageOf(body);
    const outcome = await this.messages.publish(message);
    if (resultEnabled) sendCamundaJson(response, HttpStatus.OK, [messageResultOf(outcome)]);
    else response.status(HttpStatus.NO_CONTENT).end();
  }
}
