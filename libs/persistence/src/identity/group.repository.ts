import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Sql } from '../sql.js';
import { IdentityChanges } from './identity-changes.js';

export interface GroupRecord {
  /** What models name in `candidateGroups`, e.g. `first-line`. */
  id: string;
  name: string;
  /** 1 first line, 2 second line, 3 experts...: where an escalation goes next; null for a team outside the tiers. */
  tier: number | null;
  /** Usernames, sorted. */
  members: string[];
  createdAt: Date;
}

export interface NewGroup {
  id: string;
  name: string;
  tier: number | null;
  at: Date;
}

export interface GroupChanges {
  name?: string;
  tier?: number | null;
}

const GROUP_COLUMNS = `g.id, g.name, g.tier, g.created_at AS "createdAt",
  ARRAY(SELECT u.username FROM identity_membership m JOIN identity_user u ON u.id = m.user_id
        WHERE m.group_id = g.id ORDER BY lower(u.username)) AS members`;

@Injectable()
export class GroupRepository {
  private readonly sql: Sql;

  constructor(
    dataSource: DataSource,
    private readonly changes: IdentityChanges,
  ) {
    this.sql = new Sql(dataSource);
  }

  /** By tier (the tiers first, in order), then by id. */
  async list(): Promise<GroupRecord[]> {
    return this.sql.rows<GroupRecord>(`SELECT ${GROUP_COLUMNS} FROM identity_group g ORDER BY g.tier NULLS LAST, g.id`);
  }

  async findById(id: string): Promise<GroupRecord | null> {
    const rows = await this.sql.rows<GroupRecord>(`SELECT ${GROUP_COLUMNS} FROM identity_group g WHERE g.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The new group, or null when the id is taken. */
  async create(group: NewGroup): Promise<GroupRecord | null> {
    const rows = await this.sql.rows<{ id: string }>(`INSERT INTO identity_group (id, name, tier, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING RETURNING id`, [
      group.id,
      group.name,
      group.tier,
      group.at,
    ]);
    return rows.length === 0 ? null : this.findById(group.id);
  }

  /** The group as changed, or null when it does not exist. */
  async update(id: string, changes: GroupChanges): Promise<GroupRecord | null> {
    const rows = await this.sql.rows<{ id: string }>(`UPDATE identity_group SET name = coalesce($2, name), tier = CASE WHEN $3 THEN $4 ELSE tier END WHERE id = $1 RETURNING id`, [
      id,
      changes.name ?? null,
      changes.tier !== undefined,
      changes.tier ?? null,
    ]);
    return rows.length === 0 ? null : this.findById(id);
  }

  /** Deletes the group and its memberships; false when it did not exist. */
  async delete(id: string): Promise<boolean> {
    const deleted = (await this.sql.rows(`DELETE FROM identity_group WHERE id = $1 RETURNING id`, [id])).length > 0;
    // The memberships went with it: a member's groups changed.
    if (deleted) this.changes.changed();
    return deleted;
  }
}
