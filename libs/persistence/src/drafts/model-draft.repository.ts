import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Sql } from '../sql.js';

/** A diagram a user was editing, kept by the modeler's autosave. */
export interface ModelDraft {
  userId: string;
  name: string;
  xml: string;
  /** Where the diagram came from (a file, a deployed version), shown again when it is restored. */
  origin: string;
  savedAt: Date;
}

interface ModelDraftRow {
  user_id: string;
  name: string;
  xml: string;
  origin: string;
  saved_at: Date;
}

const COLUMNS = 'user_id, name, xml, origin, saved_at';

/** The modeler's drafts, one per user and name. */
@Injectable()
export class ModelDraftRepository {
  private readonly sql: Sql;

  constructor(dataSource: DataSource) {
    this.sql = new Sql(dataSource);
  }

  async find(userId: string, name: string): Promise<ModelDraft | null> {
    const rows = await this.sql.rows<ModelDraftRow>(`SELECT ${COLUMNS} FROM model_draft WHERE user_id = $1 AND name = $2`, [userId, name]);
    return rows[0] ? draftOf(rows[0]) : null;
  }

  /** Replaces the user's draft of that name in one statement. */
  async save(draft: ModelDraft): Promise<ModelDraft> {
    const rows = await this.sql.rows<ModelDraftRow>(
      `INSERT INTO model_draft (${COLUMNS}) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, name) DO UPDATE SET xml = EXCLUDED.xml, origin = EXCLUDED.origin, saved_at = EXCLUDED.saved_at
       RETURNING ${COLUMNS}`,
      [draft.userId, draft.name, draft.xml, draft.origin, draft.savedAt],
    );
    return draftOf(rows[0]);
  }

  /** Answers whether there was a draft to delete. */
  async delete(userId: string, name: string): Promise<boolean> {
    const rows = await this.sql.rows<{ name: string }>(`DELETE FROM model_draft WHERE user_id = $1 AND name = $2 RETURNING name`, [userId, name]);
    return rows.length > 0;
  }
}

const draftOf = (row: ModelDraftRow): ModelDraft => ({ userId: row.user_id, name: row.name, xml: row.xml, origin: row.origin, savedAt: row.saved_at });
