import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Sql } from '../sql.js';

/** The topics (job types) workers fetch: one row per topic with the last time any worker asked for it. */
@Injectable()
export class WorkerTopicRepository {
  private readonly sql: Sql;

  constructor(dataSource: DataSource) {
    this.sql = new Sql(dataSource);
  }

  /** Workers asked for these topics now. */
  async record(topics: readonly string[], now: Date): Promise<void> {
    if (topics.length === 0) return;
    await this.sql.rows(
      `INSERT INTO worker_topic (topic, last_fetched_at)
       SELECT DISTINCT unnest($1::text[]), $2::timestamptz
       ON CONFLICT (topic) DO UPDATE SET last_fetched_at = GREATEST(worker_topic.last_fetched_at, EXCLUDED.last_fetched_at)`,
      [topics, now],
    );
  }

  /** Those of the topics some worker has fetched at least once. */
  async fetched(topics: readonly string[]): Promise<Set<string>> {
    if (topics.length === 0) return new Set();
    const rows = await this.sql.rows<{ topic: string }>(`SELECT topic FROM worker_topic WHERE topic = ANY($1::text[])`, [topics]);
    return new Set(rows.map(({ topic }) => topic));
  }
}
