import { Injectable } from '@nestjs/common';
import type { DecisionTable } from '#bpmn';
import { DataSource, type EntityManager } from 'typeorm';
import { sha256 } from '../checksum.js';
import { DecisionEntity } from '../entities/decision.entity.js';
import { Sql } from '../sql.js';

export interface DecisionSummary {
  id: string;
  /** The decision id in the DMN: what a business-rule task names. */
  key: string;
  version: number;
  name: string | null;
  hitPolicy: string;
  /** sha256 of the DMN document it was deployed in, hex. */
  checksum: string;
  deployedAt: Date;
}

export interface DecisionWithXml extends DecisionSummary {
  xml: string;
  decisionTable: DecisionTable;
}

export interface DeployedDecision extends DecisionSummary {
  /** False when identical XML had been deployed before and its version is returned. */
  created: boolean;
}

export interface DecisionDeployment {
  /** One DMN document. */
  xml: string;
  /** Its compiled decision tables; each becomes (or already is) one version of its id. */
  decisions: Array<{ id: string; table: DecisionTable }>;
  deployedAt: Date;
}

@Injectable()
export class DecisionRepository {
  private readonly sql: Sql;

  constructor(private readonly dataSource: DataSource) {
    this.sql = new Sql(dataSource);
  }

  async deploy(deployment: DecisionDeployment): Promise<DeployedDecision[]> {
    return this.dataSource.transaction((manager) => this.deployIn(manager, deployment));
  }

  /**
   * Stores the decisions of one DMN document, numbering versions per decision id, inside the caller's
   * transaction. Identical XML returns the version that already exists.
   */
  async deployIn(manager: EntityManager, { xml, decisions, deployedAt }: DecisionDeployment): Promise<DeployedDecision[]> {
    const checksum = sha256(xml);
    // Keys in a fixed order so two concurrent deployments take the key locks in the same order.
    const ordered = [...decisions].sort((a, b) => a.table.id.localeCompare(b.table.id));
    const deployed = new Map<string, DeployedDecision>();
    for (const { id, table } of ordered) deployed.set(table.id, await this.deployOne(manager, { id, table, xml, checksum, deployedAt }));
    return decisions.map(({ table }) => deployed.get(table.id)!);
  }

  /**
   * The newest version of each of these decision ids, compiled: what business-rule tasks evaluate.
   * Read on every command that may reach one, so a decision deployed on another engine process is
   * seen at once.
   */
  async latestTables(keys: readonly string[]): Promise<DecisionTable[]> {
    if (keys.length === 0) return [];
    const rows = await this.sql.rows<{ decision_table: DecisionTable }>(
      `SELECT DISTINCT ON (key) decision_table FROM decision WHERE key = ANY($1::text[]) ORDER BY key, version DESC`,
      [keys],
    );
    return rows.map((row) => row.decision_table);
  }

  /** The newest version of every decision: for a business-rule task whose decision reference is FEEL. */
  async latestTablesOfAll(): Promise<DecisionTable[]> {
    const rows = await this.sql.rows<{ decision_table: DecisionTable }>(`SELECT DISTINCT ON (key) decision_table FROM decision ORDER BY key, version DESC`);
    return rows.map((row) => row.decision_table);
  }

  /** Which of these decision ids have a deployed version. */
  async deployedKeys(keys: readonly string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await this.sql.rows<{ key: string }>(`SELECT DISTINCT key FROM decision WHERE key = ANY($1::text[])`, [keys]);
    return new Set(rows.map(({ key }) => key));
  }

  async list(key?: string): Promise<DecisionSummary[]> {
    const entities = await this.dataSource.getRepository(DecisionEntity).find({
      where: key === undefined ? {} : { key },
      select: SUMMARY_COLUMNS,
      order: { key: 'ASC', version: 'DESC' },
    });
    return entities.map(toSummary);
  }

  async findById(id: string): Promise<DecisionWithXml | null> {
    const entity = await this.dataSource.getRepository(DecisionEntity).findOne({ where: { id }, select: { ...SUMMARY_COLUMNS, xml: true, decisionTable: true } });
    return entity ? { ...toSummary(entity), xml: entity.xml, decisionTable: entity.decisionTable } : null;
  }

  private async deployOne(manager: EntityManager, decision: { id: string; table: DecisionTable; xml: string; checksum: string; deployedAt: Date }): Promise<DeployedDecision> {
    const key = decision.table.id;
    // Serializes deployments of one decision id, so version numbers never collide (apart from process keys).
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`decision:${key}`]);
    const repository = manager.getRepository(DecisionEntity);
    const existing = await repository.findOne({ where: { key, checksum: decision.checksum }, select: SUMMARY_COLUMNS });
    if (existing) return { ...toSummary(existing), created: false };
    const rows: Array<{ next: number }> = await manager.query(`SELECT COALESCE(max(version), 0) + 1 AS next FROM decision WHERE key = $1`, [key]);
    const entity = repository.create({
      id: decision.id,
      key,
      version: rows[0].next,
      name: decision.table.name === key ? null : decision.table.name,
      hitPolicy: decision.table.hitPolicy,
      checksum: decision.checksum,
      xml: decision.xml,
      decisionTable: decision.table,
      deployedAt: decision.deployedAt,
    });
    await repository.insert(entity);
    return { ...toSummary(entity), created: true };
  }
}

const SUMMARY_COLUMNS = {
  id: true,
  key: true,
  version: true,
  name: true,
  hitPolicy: true,
  checksum: true,
  deployedAt: true,
} as const;

const toSummary = (entity: DecisionEntity): DecisionSummary => ({
  id: entity.id,
  key: entity.key,
  version: entity.version,
  name: entity.name,
  hitPolicy: entity.hitPolicy,
  checksum: entity.checksum,
  deployedAt: entity.deployedAt,
});
