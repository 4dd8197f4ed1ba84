import { Body, Controller, HttpStatus, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { IdempotencyClaim } from '#persistence';
import type { Response } from 'express';
import { Allow } from '../auth/access.decorators.js';
import { KeyedRequest } from '../idempotency/keyed-request.decorator.js';
import { MessageOutcomeView, type MessageOutcome } from './dto/message-outcome.view.js';
import { PublishMessageDto } from './dto/publish-message.dto.js';
import { MessagesService } from './messages.service.js';

/** The correlation rule, as README's "Messages" states it. */
const CORRELATION_RULE = [
  'A message reaches exactly one target, found in this order:',
  '1. the open subscription (intermediate catch event, receive task, boundary event, event-based gateway branch, event sub-process start) ' +
    'with the same name and correlation key (a message without a key matches only subscriptions without one): 200 `correlated`;',
  '2. else the message start event with that name in the newest version of a process: 201 `started`;',
  '3. else, when `timeToLiveMs` > 0, the message is buffered: 202 `buffered`. It is delivered to the first matching subscription that opens ' +
    'before `expiresAt`, exactly once (oldest buffered message first); buffered messages never start instances;',
  '4. else 404 MESSAGE_SUBSCRIPTION_NOT_FOUND, saying what was looked for.',
  'Two or more subscriptions (or start events) at the first step that has any: 409 MESSAGE_AMBIGUOUS, naming them. ' +
    'Many clients correlating the same message at once: one wins, the others get 409 (REVISION_CONFLICT or SUBSCRIPTION_NOT_ACTIVE) ' +
    'or, once the subscription is gone, 404. With a `messageId` every duplicate gets 409 MESSAGE_ID_TAKEN: the id is remembered for ' +
    'the time-to-live plus 24 hours, so retrying a publish is safe.',
].join('\n');

const STATUS_BY_OUTCOME: Record<MessageOutcome, HttpStatus> = {
  correlated: HttpStatus.OK,
  started: HttpStatus.CREATED,
  buffered: HttpStatus.ACCEPTED,
};

@ApiTags('messages')
@Controller('messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Post()
  @Allow('POST /api/messages')
  @ApiOperation({ summary: 'Publish a message: correlate it, start an instance with it, or buffer it', description: CORRELATION_RULE })
  @ApiOkResponse({ type: MessageOutcomeView, description: 'correlated: a waiting subscription received it' })
  @ApiCreatedResponse({ type: MessageOutcomeView, description: 'started: a message start event started an instance' })
  @ApiAcceptedResponse({ type: MessageOutcomeView, description: 'buffered: nothing waited; kept until expiresAt for a subscription' })
  @ApiBadRequestResponse({ description: 'VALIDATION_FAILED, naming the field' })
  @ApiNotFoundResponse({ description: 'MESSAGE_SUBSCRIPTION_NOT_FOUND: nothing waits for it and it has no time-to-live' })
  @ApiConflictResponse({ description: 'MESSAGE_AMBIGUOUS, MESSAGE_ID_TAKEN, REVISION_CONFLICT, SUBSCRIPTION_NOT_ACTIVE, INSTANCE_SUSPENDED' })
  async publish(@Body() body: PublishMessageDto, @Res({ passthrough: true }) response: Response, @KeyedRequest() idempotency?: IdempotencyClaim): Promise<MessageOutcomeView> {
    const outcome = await this.messages.publish(body, idempotency);
    response.status(STATUS_BY_OUTCOME[outcome.outcome]);
    return outcome;
  }
}
