import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Sql } from '../sql.js';

/** The token-signing secret kept in the database, shared by every engine process on it. */
@Injectable()
export class AuthSecretRepository {
  private readonly sql: Sql;

  constructor(dataSource: DataSource) {
    this.sql = new Sql(dataSource);
  }

  /**
   * The stored secret; the first caller stores `candidate`. Two statements on purpose: when engines
   * start at once, the loser's insert waits for the winner's and the select then sees its secret.
   */
  async secret(candidate: string, at: Date): Promise<string> {
    await this.sql.rows(`INSERT INTO auth_secret (id, secret, created_at) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING`, [candidate, at]);
    const rows = await this.sql.rows<{ secret: string }>(`SELECT secret FROM auth_secret WHERE id = 1`);
    return rows[0].secret;
  }
}
