import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Sql } from '../sql.js';
import { IdentityChanges } from './identity-changes.js';

export interface ApiKeyRecord {
  id: string;
  /** Who uses it, e.g. `crm-sync-worker`; recorded as the caller. */
  name: string;
  /** The key's first characters, to tell keys apart in a list; the key itself is never stored. */
  prefix: string;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface NewApiKey {
  id: string;
  name: string;
  prefix: string;
  keyHash: string;
  createdBy: string;
  at: Date;
}

const API_KEY_COLUMNS = `id, name, prefix, created_by AS "createdBy", created_at AS "createdAt", revoked_at AS "revokedAt"`;

@Injectable()
export class ApiKeyRepository {
  private readonly sql: Sql;

  constructor(
    dataSource: DataSource,
    private readonly changes: IdentityChanges,
  ) {
    this.sql = new Sql(dataSource);
  }

  async create(key: NewApiKey): Promise<ApiKeyRecord> {
    const rows = await this.sql.rows<ApiKeyRecord>(
      `INSERT INTO api_key (id, name, prefix, key_hash, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${API_KEY_COLUMNS}`,
      [key.id, key.name, key.prefix, key.keyHash, key.createdBy, key.at],
    );
    return rows[0];
  }

  /** Newest first, revoked ones too. */
  async list(): Promise<ApiKeyRecord[]> {
    return this.sql.rows<ApiKeyRecord>(`SELECT ${API_KEY_COLUMNS} FROM api_key ORDER BY created_at DESC, id`);
  }

  /** The key with this hash, unless it was revoked. */
  async findActiveByHash(keyHash: string): Promise<ApiKeyRecord | null> {
    const rows = await this.sql.rows<ApiKeyRecord>(`SELECT ${API_KEY_COLUMNS} FROM api_key WHERE key_hash = $1 AND revoked_at IS NULL`, [keyHash]);
    return rows[0] ?? null;
  }

  /** Revokes the key (a revoked key keeps its first revocation time); null when it does not exist. */
  async revoke(id: string, at: Date): Promise<ApiKeyRecord | null> {
    const rows = await this.sql.rows<ApiKeyRecord>(`UPDATE api_key SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1 RETURNING ${API_KEY_COLUMNS}`, [id, at]);
    this.changes.changed();
    return rows[0] ?? null;
  }
}
