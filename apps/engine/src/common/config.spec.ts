import { describe, expect, it } from '@jest/globals';
import { loadServerConfig, logLevelsUpTo } from './config.js';

describe('loadServerConfig', () => {
  it('uses the embedded database under the project and the reference processes by default', () => {
    // when nothing is set
    const sut = loadServerConfig({}, '/srv/tandem');
    // then the documented defaults apply
    expect(sut).toEqual(
      expect.objectContaining({
        port: 3000,
        databaseUrl: undefined,
        dataDir: '/srv/tandem/.data/pg',
        processesDir: '/srv/tandem/processes',
        deployReferenceProcesses: true,
        jobPollMs: 1000,
        jobRetries: 3,
        jobRetryBackoffMs: 10_000,
        logLevel: 'log',
        logFormat: 'text',
      }),
    );
  });

  it('reads the settings from the environment', () => {
    // when everything is set
    const sut = loadServerConfig(
      {
        PORT: '8080',
        DATABASE_URL: 'postgres://db/tandem',
        TANDEM_DATA_DIR: '/var/lib/tandem',
        TANDEM_PROCESSES_DIR: '/models',
        TANDEM_DEPLOY_REFERENCE: 'false',
        TANDEM_JOB_POLL_MS: '250',
        TANDEM_JOB_RETRIES: '5',
        TANDEM_JOB_RETRY_BACKOFF_MS: '2000',
        TANDEM_LOG_LEVEL: 'warn',
        TANDEM_TRUST_PROXY: '1',
        TANDEM_LOG_FORMAT: 'json',
        TANDEM_HISTORY_RETENTION_MONTHS: '13',
      },
      '/srv/tandem',
    );
    // then each is taken
    expect(sut).toEqual(
      expect.objectContaining({
        port: 8080,
        databaseUrl: 'postgres://db/tandem',
        dataDir: '/var/lib/tandem',
        processesDir: '/models',
        trustProxy: 1,
        logFormat: 'json',
        deployReferenceProcesses: false,
        jobPollMs: 250,
        jobRetries: 5,
        jobRetryBackoffMs: 2000,
        logLevel: 'warn',
        historyRetentionMonths: 13,
      }),
    );
  });

  it('bounds every database wait by default, and takes each bound from the environment', () => {
    // when nothing is set, then the defaults bound every wait, the client's above the server's
    expect(loadServerConfig({}, '/').databaseTimeouts).toEqual({
      connectTimeoutMs: 5_000,
      statementTimeoutMs: 10_000,
      lockTimeoutMs: 5_000,
      idleInTransactionTimeoutMs: 30_000,
      queryTimeoutMs: 12_000,
    });
    expect(loadServerConfig({}, '/').embeddedDatabaseRestartDelayMs).toBe(1_000);
    // when each is set, then each is taken; a statement timeout alone moves the client's with it
    const sut = loadServerConfig(
      {
        TANDEM_DB_CONNECT_TIMEOUT_MS: '2000',
        TANDEM_DB_STATEMENT_TIMEOUT_MS: '3000',
        TANDEM_DB_LOCK_TIMEOUT_MS: '1000',
        TANDEM_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '9000',
        TANDEM_DB_QUERY_TIMEOUT_MS: '4000',
        TANDEM_PG_RESTART_DELAY_MS: '500',
      },
      '/',
    );
    expect(sut.databaseTimeouts).toEqual({ connectTimeoutMs: 2000, statementTimeoutMs: 3000, lockTimeoutMs: 1000, idleInTransactionTimeoutMs: 9000, queryTimeoutMs: 4000 });
    expect(sut.embeddedDatabaseRestartDelayMs).toBe(500);
    expect(loadServerConfig({ TANDEM_DB_STATEMENT_TIMEOUT_MS: '60000' }, '/').databaseTimeouts.queryTimeoutMs).toBe(62_000);
  });

  it('refuses a client-side query timeout below the statement timeout', () => {
    // a client that gave up first would leave the statement running on the server after the request failed
    expect(() => loadServerConfig({ TANDEM_DB_STATEMENT_TIMEOUT_MS: '5000', TANDEM_DB_QUERY_TIMEOUT_MS: '4000' }, '/')).toThrow(
      'TANDEM_DB_QUERY_TIMEOUT_MS (4000) must not be below TANDEM_DB_STATEMENT_TIMEOUT_MS (5000)',
    );
    expect(() => loadServerConfig({ TANDEM_DB_LOCK_TIMEOUT_MS: '0' }, '/')).toThrow('TANDEM_DB_LOCK_TIMEOUT_MS must be a positive integer');
  });

  it('reads reports on the primary unless TANDEM_ANALYTICS_DATABASE_URL names a replica, and refuses one that is no postgres URL', () => {
    // when the setting is absent, set, or not a URL
    const unset = loadServerConfig({}, '/').analyticsDatabaseUrl;
    const set = loadServerConfig({ TANDEM_ANALYTICS_DATABASE_URL: 'postgres://reports:secret@replica:5432/tandem' }, '/').analyticsDatabaseUrl;
    const typo = () => loadServerConfig({ TANDEM_ANALYTICS_DATABASE_URL: 'replica:5432/tandem' }, '/');
    // then unset is the primary, set is taken as it is, and the typo stops the start naming the setting
    expect(unset).toBeUndefined();
    expect(set).toBe('postgres://reports:secret@replica:5432/tandem');
    expect(typo).toThrow("TANDEM_ANALYTICS_DATABASE_URL must be a postgres:// URL (a streaming replica of DATABASE_URL), got 'replica:5432/tandem'");
  });

  it('keeps history forever unless a retention is set', () => {
    // when no retention is set, then none applies
    expect(loadServerConfig({}, '/').historyRetentionMonths).toBeUndefined();
    // and a retention that is not a number of months is refused, naming its variable
    expect(() => loadServerConfig({ TANDEM_HISTORY_RETENTION_MONTHS: '0' }, '/')).toThrow('TANDEM_HISTORY_RETENTION_MONTHS must be a positive integer');
  });

  it('refuses a setting it cannot read, naming it', () => {
    // when a number, a flag and a level are malformed, then each error names its variable
    expect(() => loadServerConfig({ PORT: 'eighty' }, '/')).toThrow('PORT must be a positive integer');
    expect(() => loadServerConfig({ TANDEM_DEPLOY_REFERENCE: 'maybe' }, '/')).toThrow('TANDEM_DEPLOY_REFERENCE must be true or false');
    expect(() => loadServerConfig({ TANDEM_LOG_LEVEL: 'loud' }, '/')).toThrow('TANDEM_LOG_LEVEL must be one of');
  });
});

describe('loadServerConfig: currency', () => {
  it('writes money in euros unless TANDEM_CURRENCY names another ISO 4217 code', () => {
    // when nothing is set, and when a known code is set in lower case
    // then EUR is the default and the code is taken in upper case
    expect(loadServerConfig({}, '/').currency).toBe('EUR');
    expect(loadServerConfig({ TANDEM_CURRENCY: 'usd' }, '/').currency).toBe('USD');
  });

  it('refuses a code that is not three letters or that Intl does not know, naming the setting', () => {
    // when the code is malformed or unknown, then the start is refused with the setting's name
    expect(() => loadServerConfig({ TANDEM_CURRENCY: 'EURO' }, '/')).toThrow("TANDEM_CURRENCY must be an ISO 4217 currency code such as EUR or USD, got 'EURO'");
    expect(() => loadServerConfig({ TANDEM_CURRENCY: '€' }, '/')).toThrow('TANDEM_CURRENCY must be an ISO 4217 currency code');
    expect(() => loadServerConfig({ TANDEM_CURRENCY: 'XYZ' }, '/')).toThrow('TANDEM_CURRENCY must be an ISO 4217 currency code');
  });
});

describe('loadServerConfig: signing in', () => {
  it('seeds the demo users on the embedded database only, and leaves the secret to the database by default', () => {
    // when nothing is set, and when only an external database is set
    const embedded = loadServerConfig({}, '/srv/tandem').auth;
    const external = loadServerConfig({ DATABASE_URL: 'postgres://db/tandem', TANDEM_DEMO_USERS: 'true' }, '/srv/tandem').auth;
    // then only the embedded start seeds, and neither has a secret or an admin of its own
    const lifetimes = { tokenTtlMinutes: 15, sessionIdleMinutes: 720, sessionMaxMinutes: 10_080 };
    const throttle = { loginMaxFailures: 5, loginMaxFailuresPerAddress: 50, loginWindowMinutes: 15 };
    expect(embedded).toEqual({ ...lifetimes, demoUsers: true, ...throttle });
    expect(external).toEqual({ ...lifetimes, demoUsers: false, ...throttle });
    expect(loadServerConfig({ TANDEM_DEMO_USERS: 'false' }, '/').auth.demoUsers).toBe(false);
  });

  it('reads the secret, the token and session lifetimes, the first admin and the log-in throttle', () => {
    const sut = loadServerConfig(
      {
        TANDEM_AUTH_SECRET: 'k'.repeat(32),
        TANDEM_TOKEN_TTL_MINUTES: '60',
        TANDEM_SESSION_IDLE_MINUTES: '120',
        TANDEM_SESSION_MAX_MINUTES: '1440',
        TANDEM_ADMIN_USERNAME: 'root',
        TANDEM_ADMIN_PASSWORD: 'long-enough',
        TANDEM_LOGIN_MAX_FAILURES: '10',
        TANDEM_LOGIN_MAX_FAILURES_PER_ADDRESS: '100',
        TANDEM_LOGIN_WINDOW_MINUTES: '5',
      },
      '/',
    ).auth;
    expect(sut).toEqual({
      secret: 'k'.repeat(32),
      tokenTtlMinutes: 60,
      sessionIdleMinutes: 120,
      sessionMaxMinutes: 1440,
      initialAdmin: { username: 'root', password: 'long-enough' },
      demoUsers: true,
      loginMaxFailures: 10,
      loginMaxFailuresPerAddress: 100,
      loginWindowMinutes: 5,
    });
  });

  it('refuses a short secret, a short admin password, and an admin name without a password', () => {
    expect(() => loadServerConfig({ TANDEM_AUTH_SECRET: 'short' }, '/')).toThrow('TANDEM_AUTH_SECRET must have at least 32 characters');
    expect(() => loadServerConfig({ TANDEM_ADMIN_USERNAME: 'root', TANDEM_ADMIN_PASSWORD: 'short' }, '/')).toThrow('TANDEM_ADMIN_PASSWORD must have at least 8');
    expect(() => loadServerConfig({ TANDEM_ADMIN_USERNAME: 'root' }, '/')).toThrow('TANDEM_ADMIN_USERNAME and TANDEM_ADMIN_PASSWORD go together');
  });
});

describe('logLevelsUpTo', () => {
  it('prints the chosen level and every more severe one', () => {
    // when warn is chosen, then errors and warnings are printed
    expect(logLevelsUpTo('warn')).toEqual(['error', 'warn']);
  });
});

describe('loadServerConfig: connectors', () => {
  it('serves the REST connector, calls public addresses only and knows no secrets by default', () => {
    expect(loadServerConfig({}, '/srv/tandem').connectors).toEqual({ httpJson: true, secrets: {} });
  });

  it('reads the switch, the allowlist and the secrets', () => {
    // when
    const sut = loadServerConfig(
      { TANDEM_CONNECTORS_HTTP_JSON: 'false', TANDEM_CONNECTORS_ALLOWED_HOSTS: 'API.example.com, *.example.org ,', TANDEM_SECRETS: '{"TOKEN":"t-1"}' },
      '/srv/tandem',
    );
    // then
    expect(sut.connectors).toEqual({ httpJson: false, allowedHosts: ['api.example.com', '*.example.org'], secrets: { TOKEN: 't-1' } });
  });

  it.each([
    ['not JSON', '{TOKEN: t-1}', 'does not parse as JSON'],
    ['a list', '["t-1"]', 'must be a JSON object'],
    ['a value that is no text', '{"TOKEN": 7}', "the secret 'TOKEN' must be a non-empty text"],
    ['a name with a space', '{"MY TOKEN": "t-1"}', "the secret name 'MY TOKEN'"],
  ])('refuses TANDEM_SECRETS that is %s, never echoing a value', (_case, text, message) => {
    const loading = () => loadServerConfig({ TANDEM_SECRETS: text }, '/srv/tandem');
    expect(loading).toThrow(message);
    expect(loading).not.toThrow('t-1');
  });
});
