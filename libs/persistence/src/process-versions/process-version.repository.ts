import { Injectable } from '@nestjs/common';
import type { ProcessGraph, TranslatedExpression } from '#bpmn';
import { DataSource, type EntityManager } from 'typeorm';
import { sha256 } from '../checksum.js';
import { ProcessVersionEntity } from '../entities/process-version.entity.js';
import { Sql } from '../sql.js';

export interface ProcessVersionSummary {
  id: string;
  key: string;
  version: number;
  name: string | null;
  /** sha256 of the deployed XML, hex. */
  checksum: string;
  deployedAt: Date;
  /** The user who deployed it; null when the engine deployed it at start-up. */
  deployedBy: string | null;
  /** `as-is`, `to-be` or free text; null when untagged. */
  tag: string | null;
  /** False for a documentation-only model (every process `isExecutable="false"`): it cannot start cases. */
  executable: boolean;
}

/** What running an instance needs: the compiled graph. */
export interface ProcessVersionRecord extends ProcessVersionSummary {
  graph: ProcessGraph;
}

export interface ProcessVersionWithXml extends ProcessVersionSummary {
  xml: string;
  /** The JUEL expressions of a Camunda 7 model and the FEEL each runs as. */
  translations: TranslatedExpression[];
}

export interface Deployment {
  xml: string;
  /** The processes compiled from the XML; each becomes (or already is) one version of its key. */
  graphs: Array<{ id: string; graph: ProcessGraph }>;
  deployedAt: Date;
  deployedBy?: string;
  /** Set on the versions this deployment creates; an existing version keeps its own tag. */
  tag?: string;
}

export interface DeployedVersion extends ProcessVersionSummary {
  /** False when identical XML had been deployed before and its version is returned. */
  created: boolean;
}

@Injectable()
export class ProcessVersionRepository {
  private readonly sql: Sql;

  constructor(private readonly dataSource: DataSource) {
    this.sql = new Sql(dataSource);
  }

  /**
   * Stores every process of one deployment in one transaction, numbering versions per key.
   * Identical XML for a key returns the version that already exists.
   */
  async deploy(deployment: Deployment): Promise<DeployedVersion[]> {
    return this.dataSource.transaction((manager) => this.deployIn(manager, deployment));
  }

  /** As `deploy`, inside the caller's transaction (a deployment of several documents is one transaction). */
  async deployIn(manager: EntityManager, { xml, graphs, deployedAt, deployedBy, tag }: Deployment): Promise<DeployedVersion[]> {
    const checksum = sha256(xml);
    // Keys in a fixed order so two concurrent deployments take the key locks in the same order.
    const ordered = [...graphs].sort((a, b) => a.graph.key.localeCompare(b.graph.key));
    const versions = new Map<string, DeployedVersion>();
    for (const { id, graph } of ordered) {
      // The deployment's tag wins over the model's own (Camunda 8's zeebe:versionTag).
      versions.set(graph.key, await this.deployOne(manager, { id, graph, xml, checksum, deployedAt, deployedBy, tag: tag ?? graph.versionTag }));
    }
    return graphs.map(({ graph }) => versions.get(graph.key)!);
  }

  async findById(id: string): Promise<ProcessVersionWithXml | null> {
    const entity = await this.dataSource.getRepository(ProcessVersionEntity).findOne({ where: { id }, select: { ...SUMMARY_COLUMNS, xml: true, graph: true } });
    return entity ? { ...toSummary(entity), xml: entity.xml, translations: entity.graph.translations ?? [] } : null;
  }

  /** The graph-bearing record without the XML, for running instances. */
  async findRunnable(id: string): Promise<ProcessVersionRecord | null> {
    const entity = await this.dataSource.getRepository(ProcessVersionEntity).findOne({ where: { id }, select: { ...SUMMARY_COLUMNS, graph: true } });
    return entity ? { ...toSummary(entity), graph: entity.graph } : null;
  }

  /** The id of the newest version of a key: new instances start on it. */
  async findLatestId(key: string): Promise<string | null> {
    const rows = await this.sql.rows<{ id: string }>(`SELECT id FROM process_version WHERE key = $1 ORDER BY version DESC LIMIT 1`, [key]);
    return rows[0]?.id ?? null;
  }

  /** The id of one numbered version of a key: a call activity's pinned binding. */
  async findVersionId(key: string, version: number): Promise<string | null> {
    const rows = await this.sql.rows<{ id: string }>(`SELECT id FROM process_version WHERE key = $1 AND version = $2`, [key, version]);
    return rows[0]?.id ?? null;
  }

  /** The id of the newest version of a key carrying a tag: a call activity bound by Camunda 8's versionTag. */
  async findLatestTaggedId(key: string, tag: string): Promise<string | null> {
    const rows = await this.sql.rows<{ id: string }>(`SELECT id FROM process_version WHERE key = $1 AND tag = $2 ORDER BY version DESC LIMIT 1`, [key, tag]);
    return rows[0]?.id ?? null;
  }

  /** Which of these keys have a deployed version. */
  async deployedKeys(keys: readonly string[]): Promise<Set<string>> {
    const rows = await this.sql.rows<{ key: string }>(`SELECT DISTINCT key FROM process_version WHERE key = ANY($1::text[])`, [keys]);
    return new Set(rows.map(({ key }) => key));
  }

  /** Sets or clears a version's tag; null when the version does not exist. */
  async setTag(id: string, tag: string | null): Promise<ProcessVersionSummary | null> {
    const updated = await this.sql.rows<{ id: string }>(`UPDATE process_version SET tag = $2 WHERE id = $1 RETURNING id`, [id, tag]);
    if (updated.length === 0) return null;
    const entity = await this.dataSource.getRepository(ProcessVersionEntity).findOne({ where: { id }, select: SUMMARY_COLUMNS });
    return entity ? toSummary(entity) : null;
  }

  async list(key?: string): Promise<ProcessVersionSummary[]> {
    const entities = await this.dataSource.getRepository(ProcessVersionEntity).find({
      where: key === undefined ? {} : { key },
      select: SUMMARY_COLUMNS,
      order: { key: 'ASC', version: 'DESC' },
    });
    return entities.map(toSummary);
  }

  private async deployOne(
    manager: EntityManager,
    version: { id: string; graph: ProcessGraph; xml: string; checksum: string; deployedAt: Date; deployedBy?: string; tag?: string },
  ): Promise<DeployedVersion> {
    const { key } = version.graph;
    // Serializes deployments of one key, so version numbers never collide.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [key]);
    const repository = manager.getRepository(ProcessVersionEntity);
    const existing = await repository.findOne({ where: { key, checksum: version.checksum }, select: SUMMARY_COLUMNS });
    if (existing) {
      // A tag given when redeploying labels an untagged version (the reference processes of databases older than tags); it never overwrites one.
      if (version.tag !== undefined && existing.tag === null) {
        await repository.update({ id: existing.id }, { tag: version.tag });
        existing.tag = version.tag;
      }
      return { ...toSummary(existing), created: false };
    }
    const rows: Array<{ next: number }> = await manager.query(`SELECT COALESCE(max(version), 0) + 1 AS next FROM process_version WHERE key = $1`, [key]);
    const entity = repository.create({
      id: version.id,
      key,
      version: rows[0].next,
      name: version.graph.name ?? null,
      checksum: version.checksum,
      xml: version.xml,
      graph: version.graph,
      deployedAt: version.deployedAt,
      deployedBy: version.deployedBy ?? null,
      tag: version.tag ?? null,
      executable: version.graph.executable !== false,
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
  checksum: true,
  deployedAt: true,
  deployedBy: true,
  tag: true,
  executable: true,
} as const;

const toSummary = (entity: ProcessVersionEntity): ProcessVersionSummary => ({
  id: entity.id,
  key: entity.key,
  version: entity.version,
  name: entity.name,
  checksum: entity.checksum,
  deployedAt: entity.deployedAt,
  deployedBy: entity.deployedBy,
  tag: entity.tag,
  executable: entity.executable,
});
