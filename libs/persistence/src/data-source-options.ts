import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities/entities.js';
import { InitialSchema1763900000000 } from './migrations/1763900000000-initial-schema.js';
import { Subscriptions1764000000100 } from './migrations/1764000000100-subscriptions.js';
import { DecisionsAndCallLinks1764000000200 } from './migrations/1764000000200-decisions-and-call-links.js';
import { StartJobs1764000000300 } from './migrations/1764000000300-start-jobs.js';
import { InstanceAudit1764000000400 } from './migrations/1764000000400-instance-audit.js';
import { Identity1764000000500 } from './migrations/1764000000500-identity.js';
import { LoginAttempts1764000000900 } from './migrations/1764000000900-login-attempts.js';
import { DeployedBy1764000001000 } from './migrations/1764000001000-deployed-by.js';
import { Experiments1764000001200 } from './migrations/1764000001200-experiments.js';
import { KpiTargets1764000001100 } from './migrations/1764000001100-kpi-targets.js';
import { Tasklist1764000000600 } from './migrations/1764000000600-tasklist.js';
import { Forms1764000000700 } from './migrations/1764000000700-forms.js';
import { Analytics1764000000800 } from './migrations/1764000000800-analytics.js';
import { HistoryPartitions1764000001300 } from './migrations/1764000001300-history-partitions.js';
import { GuardrailChecks1764000001400 } from './migrations/1764000001400-guardrail-checks.js';
import { InstanceOrigin1764000001500 } from './migrations/1764000001500-instance-origin.js';
import { TimeClasses1764000001600 } from './migrations/1764000001600-time-classes.js';
import { VersionTags1764000001700 } from './migrations/1764000001700-version-tags.js';
import { Idempotency1764000001800 } from './migrations/1764000001800-idempotency.js';
import { Sessions1764000001900 } from './migrations/1764000001900-sessions.js';
import { IdentityChanges1764000002000 } from './migrations/1764000002000-identity-changes.js';
import { CaseFacts1764000002100 } from './migrations/1764000002100-case-facts.js';
import { ModelDrafts1764000002300 } from './migrations/1764000002300-model-drafts.js';
import { DocumentationOnlyVersions1764000002400 } from './migrations/1764000002400-documentation-only-versions.js';
import { WorkerTopics1764000002700 } from './migrations/1764000002700-worker-topics.js';
import { CaseFactArmSequence1764000002900 } from './migrations/1764000002900-case-fact-arm-sequence.js';
import { CaseFactRollup1764000003200 } from './migrations/1764000003200-case-fact-rollup.js';

export interface PersistenceOptions {
  /** A PostgreSQL connection string. */
  url: string;
  /** Connections in the pool. */
  poolSize: number;
  /** How long the pool's work may wait on the database; DEFAULT_DATABASE_TIMEOUTS when absent. */
  timeouts?: DatabaseTimeouts;
  /**
   * A PostgreSQL (a streaming replica of `url`) every report reads from, on a pool of its own with
   * read-only sessions; absent: reports read the primary like everything else.
   */
  analyticsUrl?: string;
}

/**
 * Every wait on the database is bounded, so a frozen or unreachable server makes a request fail
 * (503) within its budget instead of hanging it. A request waits at most about
 * `connectTimeoutMs + 2 x queryTimeoutMs` (a statement, then its transaction's rollback).
 */
export interface DatabaseTimeouts {
  /** Waiting for a pooled connection, or for a new one to open. */
  connectTimeoutMs: number;
  /** The server cancels a statement running longer (SQLSTATE 57014). */
  statementTimeoutMs: number;
  /** The server gives up waiting for a row or table lock (55P03). */
  lockTimeoutMs: number;
  /** The server ends a session left idle inside a transaction. */
  idleInTransactionTimeoutMs: number;
  /** The client gives up on a server that does not answer at all (frozen): above statementTimeoutMs, which cancels first. */
  queryTimeoutMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = {
  connectTimeoutMs: 5_000,
  statementTimeoutMs: 10_000,
  lockTimeoutMs: 5_000,
  idleInTransactionTimeoutMs: 30_000,
  queryTimeoutMs: 12_000,
};

export const MIGRATIONS = [
  InitialSchema1763900000000,
  Subscriptions1764000000100,
  DecisionsAndCallLinks1764000000200,
  StartJobs1764000000300,
  InstanceAudit1764000000400,
  Identity1764000000500,
  Tasklist1764000000600,
  Forms1764000000700,
  Analytics1764000000800,
  LoginAttempts1764000000900,
  DeployedBy1764000001000,
  KpiTargets1764000001100,
  Experiments1764000001200,
  HistoryPartitions1764000001300,
  GuardrailChecks1764000001400,
  InstanceOrigin1764000001500,
  TimeClasses1764000001600,
  VersionTags1764000001700,
  Idempotency1764000001800,
  Sessions1764000001900,
  IdentityChanges1764000002000,
  CaseFacts1764000002100,
  ModelDrafts1764000002300,
  DocumentationOnlyVersions1764000002400,
  WorkerTopics1764000002700,
  CaseFactArmSequence1764000002900,
  CaseFactRollup1764000003200,
];

/** Any constant works; it only has to be the same in every engine process. */
const MIGRATION_LOCK_KEY = 7_130_001;

/** The schema comes from the migrations only, never synchronized from the entities. */
export const dataSourceOptions = ({ url, poolSize, timeouts = DEFAULT_DATABASE_TIMEOUTS }: PersistenceOptions): DataSourceOptions =>
  baseOptions(url, poolSize, {
    connectionTimeoutMillis: timeouts.connectTimeoutMs,
    statement_timeout: timeouts.statementTimeoutMs,
    lock_timeout: timeouts.lockTimeoutMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionTimeoutMs,
    query_timeout: timeouts.queryTimeoutMs,
  });

/** The name the analytics pool's sessions carry, so a replica's pg_stat_activity shows which connections are the reports'. */
export const ANALYTICS_APPLICATION_NAME = 'tandem-analytics';

/**
 * The reports' pool on the analytics database: the same bounds, and every session read-only, so
 * a report can never write there, even when the URL names a primary by mistake.
 */
export const analyticsDataSourceOptions = ({ analyticsUrl, poolSize, timeouts = DEFAULT_DATABASE_TIMEOUTS }: PersistenceOptions & { analyticsUrl: string }): DataSourceOptions => {
  const options = dataSourceOptions({ url: analyticsUrl, poolSize, timeouts });
  return { ...options, migrations: [], extra: { ...options.extra, application_name: ANALYTICS_APPLICATION_NAME, options: '-c default_transaction_read_only=on' } };
};

const baseOptions = (url: string, poolSize: number, bounds: Record<string, number>): DataSourceOptions => ({
  type: 'postgres',
  url,
  entities: ENTITIES,
  migrations: MIGRATIONS,
  // Run by openDataSource under a lock instead (see there).
  migrationsRun: false,
  synchronize: false,
  logging: false,
  extra: { max: poolSize, ...bounds },
});

/**
 * Runs pending migrations, then connects the pool. Several engine processes may start at once
 * against one database: a session advisory lock lets one migrate while the others wait and then
 * find nothing pending (TypeORM's own `migrationsRun` would let them race to create the same
 * tables). Migrations run on connections of their own without the request budget's statement and
 * query timeouts: rewriting a large table, or waiting for another process's migrations, may take
 * longer than any request may.
 */
export const openDataSource = async (options: PersistenceOptions): Promise<DataSource> => {
  // Only the connection is bounded: a server that does not answer fails the start instead of hanging it.
  const { connectTimeoutMs } = options.timeouts ?? DEFAULT_DATABASE_TIMEOUTS;
  const migrator = await new DataSource(baseOptions(options.url, 2, { connectionTimeoutMillis: connectTimeoutMs })).initialize();
  try {
    const lockHolder = migrator.createQueryRunner();
    await lockHolder.connect();
    try {
      await lockHolder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await migrator.runMigrations({ transaction: 'each' });
    } finally {
      await lockHolder.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
      await lockHolder.release();
    }
  } finally {
    await migrator.destroy();
  }
  return new DataSource(dataSourceOptions(options)).initialize();
};
