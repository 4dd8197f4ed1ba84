import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Sql } from '../sql.js';
import { insertMessage, messageIdTaken, type MessageRecord } from './message-receipt.js';

const COLUMNS = `id, message_id AS "messageId", name, correlation_key AS "correlationKey", variables,
       published_at AS "publishedAt", expires_at AS "expiresAt"`;

@Injectable()
export class MessageRepository {
  private readonly sql: Sql;

  constructor(dataSource: DataSource) {
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
    await insertMessage((text, values) => this.sql.rows(text, values), message, null);
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

  /** Forgets messages that expired before `before`: buffered ones nobody took, and remembered ids. */
  async purgeExpired(before: Date): Promise<number> {
    const rows = await this.sql.rows(`DELETE FROM message WHERE id IN (SELECT id FROM message WHERE expires_at < $1 ORDER BY expires_at LIMIT 1000) RETURNING id`, [before]);
    return rows.length;
  }
}
