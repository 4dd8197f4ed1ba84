import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { MessageRecord } from '#persistence';

export const MESSAGE_OUTCOMES = ['correlated', 'started', 'buffered'] as const;

export type MessageOutcome = (typeof MESSAGE_OUTCOMES)[number];

/** What became of a published message. */
export class MessageOutcomeView {
  @ApiProperty({
    enum: MESSAGE_OUTCOMES,
    description: 'correlated: a waiting subscription received it; started: it started an instance; buffered: it waits for a subscription',
  })
  outcome: MessageOutcome;

  @ApiProperty() name: string;
  @ApiPropertyOptional() correlationKey?: string;
  @ApiPropertyOptional() messageId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The instance that received the message, or the one it started' })
  instanceId?: string;

  @ApiPropertyOptional({ description: 'The element that caught the message, or the start event it started at' })
  elementId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Buffered: it is delivered to a matching subscription that opens before then' })
  expiresAt?: string;

  static of(outcome: MessageOutcome, message: MessageRecord, reached?: { instanceId: string; elementId: string }): MessageOutcomeView {
    return Object.assign(new MessageOutcomeView(), {
      outcome,
      name: message.name,
      ...(message.correlationKey !== null && { correlationKey: message.correlationKey }),
      ...(message.messageId !== null && { messageId: message.messageId }),
      ...reached,
      ...(outcome === 'buffered' && { expiresAt: message.expiresAt.toISOString() }),
    });
  }
}
