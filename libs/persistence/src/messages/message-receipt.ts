import { DomainError } from '#core';
import type { Variables } from '#engine';
import type { EntityManager } from 'typeorm';
import { PERSISTENCE_ERRORS } from '../persistence-errors.js';

/** A published message, as `message` keeps it while it is buffered or its `messageId` is remembered. */
export interface MessageRecord {
  id: string;
  /** The publisher's own id: a second message with it is refused while the row lives. */
  messageId: string | null;
  name: string;
  correlationKey: string | null;
  variables: Variables;
  publishedAt: Date;
  /** Until when a buffered message may still be delivered to a subscription that opens. */
  expiresAt: Date;
}

/**
 * What the commit of a message's effect writes in the same transaction as the instance: the message
 * itself, remembered for its `messageId` (`publish`), or the buffered message it delivers, taken
 * from the buffer (`consume`). Either way the message lands exactly once or not at all.
 */
export type MessageReceipt = { publish: MessageRecord } | { consume: { id: string; at: Date } };

/** Runs one statement: on the pool (a statement of its own) or in a transaction. */
type Query = (text: string, values: unknown[]) => Promise<unknown>;

/**
 * Writes a message receipt in the transaction of the commit that delivers the message (see
 * InstanceRepository.commit). Throws MESSAGE_ID_TAKEN or MESSAGE_NOT_BUFFERED, and the transaction
 * then writes nothing.
 */
export const writeReceipt = async (transaction: EntityManager, receipt: MessageReceipt): Promise<void> => {
  if ('publish' in receipt) await insertMessage((text, values) => transaction.query(text, values), receipt.publish, receipt.publish.publishedAt);
  else await take(transaction, receipt.consume.id, receipt.consume.at);
};

/** Stores a message, delivered at `correlatedAt` or (null) buffered; a `messageId` still remembered makes it MESSAGE_ID_TAKEN. */
export const insertMessage = async (query: Query, message: MessageRecord, correlatedAt: Date | null): Promise<void> => {
  try {
    await query(INSERT_SQL, [
      message.id,
      message.messageId,
      message.name,
      message.correlationKey,
      JSON.stringify(message.variables),
      message.publishedAt,
      message.expiresAt,
      correlatedAt,
    ]);
  } catch (error) {
    throw uniqueViolation(error) ? messageIdTaken(message) : error;
  }
};

/** Marks the buffered message delivered; the row lock makes a second taker wait, then find it gone. */
const take = async (transaction: EntityManager, id: string, at: Date): Promise<void> => {
  // Wrapped in a SELECT: TypeORM answers a bare UPDATE ... RETURNING with [rows, count] instead of the rows.
  const rows: unknown[] = await transaction.query(
    `WITH taken AS (
       UPDATE message SET correlated_at = $2 WHERE id = $1 AND correlated_at IS NULL AND expires_at > $2 RETURNING id)
     SELECT id FROM taken`,
    [id, at],
  );
  if (rows.length === 0) {
    throw new DomainError(PERSISTENCE_ERRORS.messageNotBuffered, `Message ${id} is no longer buffered: another subscription took it, or it expired`, { id });
  }
};

const INSERT_SQL = `INSERT INTO message (id, message_id, name, correlation_key, variables, published_at, expires_at, correlated_at)
  VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8)`;

const UNIQUE_VIOLATION = '23505';

/** pg's error, raw (pool) or wrapped by TypeORM (QueryFailedError.driverError). */
const uniqueViolation = (error: unknown): boolean => {
  const { code, driverError } = (error ?? {}) as { code?: string; driverError?: { code?: string } };
  return (driverError?.code ?? code) === UNIQUE_VIOLATION;
};

export const messageIdTaken = (message: MessageRecord) =>
  new DomainError(PERSISTENCE_ERRORS.messageIdTaken, `A message with messageId '${message.messageId}' was already published; it is not delivered twice`, {
    messageId: message.messageId,
    name: message.name,
  });
