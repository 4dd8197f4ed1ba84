import { Injectable } from '@nestjs/common';
import { DomainError } from '#core';
import type { EngineResult, Variables } from '#engine';
import { DataSource, type EntityManager } from 'typeorm';
import { InstanceRepository, type CommitExtra, type StoredInstance } from '../instances/instance.repository.js';
import { PERSISTENCE_ERRORS } from '../persistence-errors.js';
import { Sql } from '../sql.js';

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

const COLUMNS = `id, message_id AS "messageId", name, correlation_key AS "correlationKey", variables,
       published_at AS "publishedAt", expires_at AS "expiresAt"`;

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class MessageRepository {
  private readonly sql: Sql;

  constructor(
    private readonly dataSource: DataSource,
    private readonly instances: InstanceRepository,
  ) {
    this.sql = new Sql(dataSource);
  }

  /** Throws MESSAGE_ID_TAKEN when a message with the same `messageId` was published and is still remembered. */
  async checkUnpublished(message: MessageRecord): Promise<void> {
    if (message.messageId === null) return;
    const rows = await this.sql.rows(`SELECT 1 FROM message WHERE message_id = $1`, [message.messageId]);
    if (rows.length > 0) throw messageIdTaken(message);
  }

  /** Keeps a message no subscription waits for yet, until it expires. */
  async buffer(message: MessageRecord): Promise<void> {
    try {
      await this.sql.rows(insertSql, insertParams(message, null));
    } catch (error) {
      throw uniqueViolation(error) ? messageIdTaken(message) : error;
    }
  }

  /** Buffered messages for a name and correlation key (none matches none), not expired at `now`, oldest first. */
  async findBuffered(name: string, correlationKey: string | null, now: Date, limit: number): Promise<MessageRecord[]> {
    return correlationKey === null
      ? this.sql.rows<MessageRecord>(
          `SELECT ${COLUMNS} FROM message
           WHERE name = $1 AND correlation_key IS NULL AND correlated_at IS NULL AND expires_at > $2
           ORDER BY published_at, id LIMIT $3`,
          [name, now, limit],
        )
      : this.sql.rows<MessageRecord>(
          `SELECT ${COLUMNS} FROM message
           WHERE name = $1 AND correlation_key = $2 AND correlated_at IS NULL AND expires_at > $3
           ORDER BY published_at, id LIMIT $4`,
          [name, correlationKey, now, limit],
        );
  }

  /**
   * Commits an engine result together with its message receipt, in one transaction. Throws
   * MESSAGE_ID_TAKEN, MESSAGE_NOT_BUFFERED or REVISION_CONFLICT, and then writes nothing.
   */
  async commitWith(receipt: MessageReceipt, result: EngineResult, previous: StoredInstance | null, extra: CommitExtra = {}): Promise<number> {
    return this.dataSource.transaction(async (transaction) => {
      if ('publish' in receipt) await this.remember(transaction, receipt.publish);
      else await this.take(transaction, receipt.consume.id, receipt.consume.at);
      return this.instances.commitIn(transaction, result, previous, extra);
    });
  }

  /** Forgets messages that expired before `before`: buffered ones nobody took, and remembered ids. */
  async purgeExpired(before: Date): Promise<number> {
    const rows = await this.sql.rows(`DELETE FROM message WHERE id IN (SELECT id FROM message WHERE expires_at < $1 ORDER BY expires_at LIMIT 1000) RETURNING id`, [before]);
    return rows.length;
  }

  private async remember(transaction: EntityManager, message: MessageRecord): Promise<void> {
    try {
      await transaction.query(insertSql, insertParams(message, message.publishedAt));
    } catch (error) {
      throw uniqueViolation(error) ? messageIdTaken(message) : error;
    }
  }

  /** Marks the buffered message delivered; the row lock makes a second taker wait, then find it gone. */
  private async take(transaction: EntityManager, id: string, at: Date): Promise<void> {
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
  }
}

const insertSql = `INSERT INTO message (id, message_id, name, correlation_key, variables, published_at, expires_at, correlated_at)
  VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8)`;

const insertParams = (message: MessageRecord, correlatedAt: Date | null): unknown[] => [
  message.id,
  message.messageId,
  message.name,
  message.correlationKey,
  JSON.stringify(message.variables),
  message.publishedAt,
  message.expiresAt,
  correlatedAt,
];

/** pg's error, raw (pool) or wrapped by TypeORM (QueryFailedError.driverError). */
const uniqueViolation = (error: unknown): boolean => {
  const { code, driverError } = (error ?? {}) as { code?: string; driverError?: { code?: string } };
  return (driverError?.code ?? code) === UNIQUE_VIOLATION;
};

const messageIdTaken = (message: MessageRecord) =>
  new DomainError(PERSISTENCE_ERRORS.messageIdTaken, `A message with messageId '${message.messageId}' was already published; it is not delivered twice`, {
    messageId: message.messageId,
    name: message.name,
  });
