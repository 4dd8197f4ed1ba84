import { join } from 'node:path';
import { DEFAULT_DATABASE_TIMEOUTS, type DatabaseTimeouts } from '#persistence';

/** Injection token of the AppConfig. */
export const APP_CONFIG = Symbol('AppConfig');

/** What the Nest application itself needs. */
export interface AppConfig {
  databaseUrl: string;
  /** Connections in the database pool. */
  poolSize: number;
  /** How long a request may wait on the database before it answers 503 DATABASE_UNAVAILABLE. */
  databaseTimeouts: DatabaseTimeouts;
  /** A streaming replica every report reads from (TANDEM_ANALYTICS_DATABASE_URL); absent: reports read the primary. docs/operations.md. */
  analyticsDatabaseUrl?: string;
  /** How often the job runner looks for due timers. */
  jobPollMs: number;
  /** How long a claimed job stays with this process before another may take it. */
  jobLeaseMs: number;
  /** Jobs claimed per poll. */
  jobBatchSize: number;
  /** Failed attempts at firing a job (timer) before it is parked with an incident. */
  jobRetries: number;
  /** Wait before the first retry of a failed job; it doubles with every further failure. */
  jobRetryBackoffMs: number;
  /** How often each running experiment's guardrails are checked (issue 7 point 3). */
  guardrailIntervalMs: number;
  /** Largest accepted BPMN upload or request body. */
  maxBodyBytes: number;
  /**
   * Express's `trust proxy` behind a load balancer (hops, or the proxies' addresses), so the
   * client's address, which log-in throttling counts by, is read from X-Forwarded-For.
   */
  trustProxy?: number | string;
  /**
   * Months of history kept (step events and ended cases' rows), beside the current month; older
   * month partitions are dropped. Unset: history is kept forever. docs/history-retention.md.
   */
  historyRetentionMonths?: number;
  /** ISO 4217 code every money figure (cost per case, CSV headers) is written in; the web app reads it from GET /api/settings. */
  currency: string;
  auth: AuthConfig;
  /** The connectors the engine runs itself (docs/camunda-8-connectors.md). */
  connectors: ConnectorsConfig;
}

/** Camunda 8's outbound connectors: the built-in HTTP JSON one, where it may call, and the secrets it resolves. */
export interface ConnectorsConfig {
  /** Serve job type `io.camunda:http-json:1` in this process (TANDEM_CONNECTORS_HTTP_JSON, default true). */
  httpJson: boolean;
  /**
   * The only hosts the HTTP JSON connector may call (TANDEM_CONNECTORS_ALLOWED_HOSTS: `host`,
   * `host:port` or `*.domain`, comma-separated). Absent: any host whose address is public (no
   * loopback, private, link-local or cloud-metadata address).
   */
  allowedHosts?: string[];
  /** `{{secrets.NAME}}` values (TANDEM_SECRETS, a JSON object of texts). Never logged, stored or answered. */
  secrets: Readonly<Record<string, string>>;
}

/** Sign-in: how tokens are signed and for how long, and who exists from the start. */
export interface AuthConfig {
  /** Signs the log-in tokens; when absent, a secret generated once and kept in the database. */
  secret?: string;
  /** How long an access token is valid; short, since only the refresh cookie renews it. */
  tokenTtlMinutes: number;
  /** A session not refreshed for this long has ended (the web app refreshes while it is open). */
  sessionIdleMinutes: number;
  /** A session ends this long after its log-in, however often it is refreshed. */
  sessionMaxMinutes: number;
  /** Created at start unless a user of that name exists (its password is then left alone). */
  initialAdmin?: { username: string; password: string };
  /** Seed the demo groups and users (README "Signing in"); only ever on the embedded database. */
  demoUsers: boolean;
  /** Failed log-ins allowed per username in a window; past it, log-ins are refused (429) until the window ends. */
  loginMaxFailures: number;
  /** Failed log-ins allowed from one client address in a window (many usernames tried from one place). */
  loginMaxFailuresPerAddress: number;
  loginWindowMinutes: number;
}

/** Everything `main.ts` reads from the environment. */
export interface ServerConfig extends Omit<AppConfig, 'databaseUrl'> {
  port: number;
  /** An external PostgreSQL; when absent the embedded one is started. */
  databaseUrl: string | undefined;
  /** Where the embedded PostgreSQL keeps its files (kept between starts). */
  dataDir: string;
  embeddedDatabasePort: number;
  /** First wait before the engine restarts an embedded PostgreSQL that died; it doubles per failed attempt. */
  embeddedDatabaseRestartDelayMs: number;
  /** BPMN files deployed at start. */
  processesDir: string;
  deployReferenceProcesses: boolean;
  /** The most detailed log level printed: error, warn, log (default), debug or verbose. */
  logLevel: LogLevel;
  /** `text` for a person at a terminal (default), `json` for a log stack: one object per line with request and instance ids. */
  logFormat: 'text' | 'json';
}

export type LogLevel = 'error' | 'warn' | 'log' | 'debug' | 'verbose';

const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];

/** Nest takes the list of levels to print: the chosen one and every more severe one. */
export const logLevelsUpTo = (level: LogLevel): LogLevel[] => LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1);

export const DEFAULT_APP_CONFIG: Omit<AppConfig, 'databaseUrl'> = {
  poolSize: 10,
  databaseTimeouts: DEFAULT_DATABASE_TIMEOUTS,
  jobPollMs: 1000,
  jobLeaseMs: 30_000,
  jobBatchSize: 50,
  jobRetries: 3,
  jobRetryBackoffMs: 10_000,
  guardrailIntervalMs: 5 * 60_000,
  maxBodyBytes: 10 * 1024 * 1024,
  currency: 'EUR',
  auth: {
    tokenTtlMinutes: 15,
    sessionIdleMinutes: 12 * 60,
    sessionMaxMinutes: 7 * 24 * 60,
    demoUsers: false,
    loginMaxFailures: 5,
    loginMaxFailuresPerAddress: 50,
    loginWindowMinutes: 15,
  },
  connectors: { httpJson: true, secrets: {} },
};

/** Shorter secrets are refused: HS256 wants at least 256 bits. */
export const MIN_AUTH_SECRET_LENGTH = 32;
export const MIN_PASSWORD_LENGTH = 8;

export const loadServerConfig = (env: NodeJS.ProcessEnv, projectRoot: string): ServerConfig => ({
  port: integer(env, 'PORT', 3000),
  databaseUrl: env.DATABASE_URL || undefined,
  dataDir: env.TANDEM_DATA_DIR || join(projectRoot, '.data', 'pg'),
  embeddedDatabasePort: integer(env, 'TANDEM_PG_PORT', 54329),
  embeddedDatabaseRestartDelayMs: integer(env, 'TANDEM_PG_RESTART_DELAY_MS', 1000),
  processesDir: env.TANDEM_PROCESSES_DIR || join(projectRoot, 'processes'),
  deployReferenceProcesses: boolean(env, 'TANDEM_DEPLOY_REFERENCE', true),
  logLevel: oneOf(env, 'TANDEM_LOG_LEVEL', LOG_LEVELS, 'log'),
  logFormat: oneOf(env, 'TANDEM_LOG_FORMAT', ['text', 'json'] as const, 'text'),
  poolSize: integer(env, 'TANDEM_DB_POOL_SIZE', DEFAULT_APP_CONFIG.poolSize),
  databaseTimeouts: loadDatabaseTimeouts(env),
  ...(env.TANDEM_ANALYTICS_DATABASE_URL && { analyticsDatabaseUrl: postgresUrl(env, 'TANDEM_ANALYTICS_DATABASE_URL') }),
  jobPollMs: integer(env, 'TANDEM_JOB_POLL_MS', DEFAULT_APP_CONFIG.jobPollMs),
  jobLeaseMs: integer(env, 'TANDEM_JOB_LEASE_MS', DEFAULT_APP_CONFIG.jobLeaseMs),
  jobBatchSize: integer(env, 'TANDEM_JOB_BATCH_SIZE', DEFAULT_APP_CONFIG.jobBatchSize),
  jobRetries: integer(env, 'TANDEM_JOB_RETRIES', DEFAULT_APP_CONFIG.jobRetries),
  jobRetryBackoffMs: integer(env, 'TANDEM_JOB_RETRY_BACKOFF_MS', DEFAULT_APP_CONFIG.jobRetryBackoffMs),
  guardrailIntervalMs: 1000 * integer(env, 'TANDEM_GUARDRAIL_INTERVAL_SECONDS', DEFAULT_APP_CONFIG.guardrailIntervalMs / 1000),
  maxBodyBytes: integer(env, 'TANDEM_MAX_BODY_BYTES', DEFAULT_APP_CONFIG.maxBodyBytes),
  currency: currency(env, 'TANDEM_CURRENCY', DEFAULT_APP_CONFIG.currency),
  ...(env.TANDEM_HISTORY_RETENTION_MONTHS && { historyRetentionMonths: integer(env, 'TANDEM_HISTORY_RETENTION_MONTHS', 0) }),
  ...(env.TANDEM_TRUST_PROXY && { trustProxy: /^\d+$/.test(env.TANDEM_TRUST_PROXY) ? Number(env.TANDEM_TRUST_PROXY) : env.TANDEM_TRUST_PROXY }),
  auth: loadAuthConfig(env),
  connectors: loadConnectorsConfig(env),
});

const loadConnectorsConfig = (env: NodeJS.ProcessEnv): ConnectorsConfig => {
  const allowedHosts = (env.TANDEM_CONNECTORS_ALLOWED_HOSTS ?? '')
    .split(',')
    .map((host) => host.trim().toLowerCase())
    .filter((host) => host !== '');
  return {
    httpJson: boolean(env, 'TANDEM_CONNECTORS_HTTP_JSON', DEFAULT_APP_CONFIG.connectors.httpJson),
    ...(allowedHosts.length > 0 && { allowedHosts }),
    secrets: secretsOf(env),
  };
};

/** TANDEM_SECRETS: a JSON object of texts. The error names what is wrong, never a value. */
const secretsOf = (env: NodeJS.ProcessEnv): Record<string, string> => {
  const text = env.TANDEM_SECRETS?.trim();
  if (text === undefined || text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('TANDEM_SECRETS must be a JSON object such as {"API_TOKEN":"..."}; it does not parse as JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('TANDEM_SECRETS must be a JSON object such as {"API_TOKEN":"..."}');
  for (const [name, value] of Object.entries(parsed)) {
    if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new Error(`TANDEM_SECRETS: the secret name '${name}' may hold only letters, digits, _ . and -`);
    if (typeof value !== 'string' || value === '') throw new Error(`TANDEM_SECRETS: the secret '${name}' must be a non-empty text`);
  }
  return parsed as Record<string, string>;
};

const loadDatabaseTimeouts = (env: NodeJS.ProcessEnv): DatabaseTimeouts => {
  const statementTimeoutMs = integer(env, 'TANDEM_DB_STATEMENT_TIMEOUT_MS', DEFAULT_DATABASE_TIMEOUTS.statementTimeoutMs);
  const timeouts = {
    connectTimeoutMs: integer(env, 'TANDEM_DB_CONNECT_TIMEOUT_MS', DEFAULT_DATABASE_TIMEOUTS.connectTimeoutMs),
    statementTimeoutMs,
    lockTimeoutMs: integer(env, 'TANDEM_DB_LOCK_TIMEOUT_MS', DEFAULT_DATABASE_TIMEOUTS.lockTimeoutMs),
    idleInTransactionTimeoutMs: integer(env, 'TANDEM_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', DEFAULT_DATABASE_TIMEOUTS.idleInTransactionTimeoutMs),
    // By default a little above the statement timeout, so a server that answers cancels first.
    queryTimeoutMs: integer(env, 'TANDEM_DB_QUERY_TIMEOUT_MS', statementTimeoutMs + (DEFAULT_DATABASE_TIMEOUTS.queryTimeoutMs - DEFAULT_DATABASE_TIMEOUTS.statementTimeoutMs)),
  };
  if (timeouts.queryTimeoutMs < timeouts.statementTimeoutMs) {
    throw new Error(`TANDEM_DB_QUERY_TIMEOUT_MS (${timeouts.queryTimeoutMs}) must not be below TANDEM_DB_STATEMENT_TIMEOUT_MS (${timeouts.statementTimeoutMs})`);
  }
  return timeouts;
};

const loadAuthConfig = (env: NodeJS.ProcessEnv): AuthConfig => {
  const secret = env.TANDEM_AUTH_SECRET || undefined;
  if (secret !== undefined && secret.length < MIN_AUTH_SECRET_LENGTH) {
    throw new Error(`TANDEM_AUTH_SECRET must have at least ${MIN_AUTH_SECRET_LENGTH} characters, got ${secret.length}`);
  }
  const username = env.TANDEM_ADMIN_USERNAME || undefined;
  const password = env.TANDEM_ADMIN_PASSWORD || undefined;
  if ((username === undefined) !== (password === undefined)) {
    throw new Error('TANDEM_ADMIN_USERNAME and TANDEM_ADMIN_PASSWORD go together: set both or neither');
  }
  if (password !== undefined && password.length < MIN_PASSWORD_LENGTH) {
    throw new Error(`TANDEM_ADMIN_PASSWORD must have at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  return {
    ...(secret !== undefined && { secret }),
    tokenTtlMinutes: integer(env, 'TANDEM_TOKEN_TTL_MINUTES', DEFAULT_APP_CONFIG.auth.tokenTtlMinutes),
    sessionIdleMinutes: integer(env, 'TANDEM_SESSION_IDLE_MINUTES', DEFAULT_APP_CONFIG.auth.sessionIdleMinutes),
    sessionMaxMinutes: integer(env, 'TANDEM_SESSION_MAX_MINUTES', DEFAULT_APP_CONFIG.auth.sessionMaxMinutes),
    ...(username !== undefined && password !== undefined && { initialAdmin: { username, password } }),
    // Demo users with published passwords belong on a developer's embedded database, never on a real one.
    demoUsers: !env.DATABASE_URL && boolean(env, 'TANDEM_DEMO_USERS', true),
    loginMaxFailures: integer(env, 'TANDEM_LOGIN_MAX_FAILURES', DEFAULT_APP_CONFIG.auth.loginMaxFailures),
    loginMaxFailuresPerAddress: integer(env, 'TANDEM_LOGIN_MAX_FAILURES_PER_ADDRESS', DEFAULT_APP_CONFIG.auth.loginMaxFailuresPerAddress),
    loginWindowMinutes: integer(env, 'TANDEM_LOGIN_WINDOW_MINUTES', DEFAULT_APP_CONFIG.auth.loginWindowMinutes),
  };
};

const integer = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive integer, got '${text}'`);
  }
  return value;
};

const boolean = (env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean => {
  const text = env[name]?.toLowerCase();
  if (text === undefined || text === '') return fallback;
  if (['true', '1', 'yes'].includes(text)) return true;
  if (['false', '0', 'no'].includes(text)) return false;
  throw new Error(`${name} must be true or false, got '${env[name]}'`);
};

const oneOf = <T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T => {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  if (!allowed.includes(text as T)) throw new Error(`${name} must be one of ${allowed.join(', ')}, got '${text}'`);
  return text as T;
};

/** A connection string the pg driver reads, so a typo fails at start rather than as a 503 on every report. */
const postgresUrl = (env: NodeJS.ProcessEnv, name: string): string => {
  const text = env[name]!.trim();
  if (!/^postgres(ql)?:\/\/[^/]/.test(text) || !URL.canParse(text)) throw new Error(`${name} must be a postgres:// URL (a streaming replica of DATABASE_URL), got '${text}'`);
  return text;
};

/** An ISO 4217 code Intl knows, so a typo fails at start rather than as "48.22 XEU" on every page. */
const currency = (env: NodeJS.ProcessEnv, name: string, fallback: string): string => {
  const text = env[name]?.trim();
  if (text === undefined || text === '') return fallback;
  const code = text.toUpperCase();
  if (!/^[A-Z]{3}$/.test(code) || !Intl.supportedValuesOf('currency').includes(code)) {
    throw new Error(`${name} must be an ISO 4217 currency code such as EUR or USD, got '${text}'`);
  }
  return code;
};
