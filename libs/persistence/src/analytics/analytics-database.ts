import { type InjectionToken, Logger, type OnModuleDestroy, type Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { analyticsDataSourceOptions, type PersistenceOptions } from '../data-source-options.js';
import { nameDatabase } from '../sql.js';

/** Injection token of the DataSource every report reads through (the analytics database's, or the primary's). */
export const ANALYTICS_DATA_SOURCE = Symbol('AnalyticsDataSource');

/** What errors of statements on the analytics database carry as `database` (sql.ts). */
export const ANALYTICS_DATABASE = 'analytics';

/** Wait between attempts to reach an analytics database that was down when the engine started. */
const RECONNECT_DELAY_MS = 5_000;

/**
 * The reports' database. With `analyticsUrl` (a streaming replica of the primary) the reports read
 * there through a pool of their own; otherwise this is the primary's DataSource. A replica that is
 * down when the engine starts does not stop the engine: the pool is opened in the background, and
 * reports answer 503 until it is.
 */
export class AnalyticsDatabase implements OnModuleDestroy {
  private readonly logger = new Logger('AnalyticsDatabase');
  private reconnect: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(
    readonly dataSource: DataSource,
    /** Whether the reports have a database of their own (the engine must close it). */
    readonly separate: boolean,
    private readonly reconnectDelayMs = RECONNECT_DELAY_MS,
  ) {}

  static async open(primary: DataSource, options: PersistenceOptions, reconnectDelayMs = RECONNECT_DELAY_MS): Promise<AnalyticsDatabase> {
    if (options.analyticsUrl === undefined) return new AnalyticsDatabase(primary, false);
    const dataSource = new DataSource(analyticsDataSourceOptions({ ...options, analyticsUrl: options.analyticsUrl }));
    nameDatabase(dataSource, ANALYTICS_DATABASE);
    const database = new AnalyticsDatabase(dataSource, true, reconnectDelayMs);
    await database.connect();
    return database;
  }

  private async connect(): Promise<void> {
    try {
      await this.dataSource.initialize();
    } catch (error) {
      this.logger.warn(
        `The analytics database (TANDEM_ANALYTICS_DATABASE_URL) is out of reach (${String(error)}); reports answer 503 until it answers, the engine is unaffected. Trying again in ${this.reconnectDelayMs / 1000} s`,
      );
      if (this.closed) return;
      this.reconnect = setTimeout(() => void this.connect(), this.reconnectDelayMs);
      this.reconnect.unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnect);
    if (this.separate && this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** The providers of PersistenceModule: the database and its DataSource under ANALYTICS_DATA_SOURCE. */
export const analyticsDatabaseProviders = (options: PersistenceOptions): Provider[] => [
  { provide: AnalyticsDatabase, inject: [DataSource], useFactory: (primary: DataSource) => AnalyticsDatabase.open(primary, options) },
  { provide: ANALYTICS_DATA_SOURCE, inject: [AnalyticsDatabase], useFactory: (database: AnalyticsDatabase) => database.dataSource },
];

/**
 * A repository that serves reports, on the reports' database: for a module's `providers`, under the
 * repository's class (or another token, when the module also needs it on the primary for writes).
 */
export const onAnalyticsDatabase = <T>(repository: new (dataSource: DataSource) => T, token: InjectionToken = repository): Provider => ({
  provide: token,
  inject: [ANALYTICS_DATA_SOURCE],
  useFactory: (dataSource: DataSource) => new repository(dataSource),
});
