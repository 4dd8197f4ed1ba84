import { Injectable } from '@nestjs/common';
import type { FormSchema } from '#bpmn';
import { DataSource, type EntityManager } from 'typeorm';
import { sha256 } from '../checksum.js';
import { Sql } from '../sql.js';

export interface FormSummary {
  id: string;
  /** The schema's `id`: what `formKey="form:<key>"` names. */
  key: string;
  version: number;
  name: string | null;
  /** sha256 of the deployed text, hex. */
  checksum: string;
  deployedAt: Date;
}

export interface FormWithSchema extends FormSummary {
  schema: FormSchema;
}

export interface DeployedForm extends FormSummary {
  /** False when identical text had been deployed before and its version is returned. */
  created: boolean;
}

export interface FormDeployment {
  /** The `.form` file as deployed. */
  text: string;
  schema: FormSchema;
  /** The id the version gets if it is new. */
  id: string;
  deployedAt: Date;
}

const SUMMARY = `id, key, version, name, checksum, deployed_at AS "deployedAt"`;

@Injectable()
export class FormRepository {
  private readonly sql: Sql;

  constructor(private readonly dataSource: DataSource) {
    this.sql = new Sql(dataSource);
  }

  async deploy(deployment: FormDeployment): Promise<DeployedForm> {
    return this.dataSource.transaction((manager) => this.deployIn(manager, deployment));
  }

  /** Stores one form inside the caller's transaction, numbering versions per key; identical text returns the version that exists. */
  async deployIn(manager: EntityManager, { text, schema, id, deployedAt }: FormDeployment): Promise<DeployedForm> {
    const key = schema.id as string;
    const checksum = sha256(text);
    // Serializes deployments of one form id, so version numbers never collide.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`form:${key}`]);
    const existing: FormSummary[] = await manager.query(`SELECT ${SUMMARY} FROM form WHERE key = $1 AND checksum = $2`, [key, checksum]);
    if (existing.length > 0) return { ...existing[0], created: false };
    const name = typeof schema.name === 'string' ? schema.name : null;
    const inserted: FormSummary[] = await manager.query(
      `INSERT INTO form (id, key, version, name, checksum, schema, deployed_at)
       SELECT $1, $2, COALESCE(max(version), 0) + 1, $3, $4, $5::jsonb, $6 FROM form WHERE key = $2
       RETURNING ${SUMMARY}`,
      [id, key, name, checksum, JSON.stringify(schema), deployedAt],
    );
    return { ...inserted[0], created: true };
  }

  /** The newest version of a form: what a task naming it shows and validates against (as decisions, the latest binding). */
  async latest(key: string): Promise<FormWithSchema | null> {
    const rows = await this.sql.rows<FormWithSchema>(`SELECT ${SUMMARY}, schema FROM form WHERE key = $1 ORDER BY version DESC LIMIT 1`, [key]);
    return rows[0] ?? null;
  }

  /** Which of these form ids have a deployed version. */
  async deployedKeys(keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await this.sql.rows<{ key: string }>(`SELECT DISTINCT key FROM form WHERE key = ANY($1::text[])`, [keys]);
    return new Set(rows.map(({ key }) => key));
  }

  async list(key?: string): Promise<FormSummary[]> {
    return key === undefined
      ? this.sql.rows<FormSummary>(`SELECT ${SUMMARY} FROM form ORDER BY key, version DESC`)
      : this.sql.rows<FormSummary>(`SELECT ${SUMMARY} FROM form WHERE key = $1 ORDER BY version DESC`, [key]);
  }

  async findById(id: string): Promise<FormWithSchema | null> {
    const rows = await this.sql.rows<FormWithSchema>(`SELECT ${SUMMARY}, schema FROM form WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }
}
