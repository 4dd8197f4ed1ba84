import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/** SQLSTATE 08003, connection_does_not_exist: an outage (503), like every class 08 code. */
const CONNECTION_DOES_NOT_EXIST = '08003';

/** Data sources whose errors say which database they came from: the analytics database's (analytics-database.ts). */
const DATABASE_NAMES = new WeakMap<DataSource, string>();

/** Errors of statements on this data source carry `database: name`, so an outage answer can name the database that is out of reach. */
export const nameDatabase = (dataSource: DataSource, name: string): void => {
  DATABASE_NAMES.set(dataSource, name);
};

/** The database an error came from, when its data source was named (nameDatabase); undefined for the primary. */
export const databaseOfError = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && typeof (error as { database?: unknown }).database === 'string' ? (error as { database: string }).database : undefined;

/**
 * The hot paths' way to PostgreSQL: straight to the pg pool under the TypeORM DataSource, as named
 * (prepared) statements, so each connection parses and plans a statement once instead of on every
 * command. Answers the rows of the statement, whatever its kind.
 */
export class Sql {
  private readonly names = new Map<string, string>();

  constructor(private readonly dataSource: DataSource) {}

  async rows<T>(text: string, values: unknown[] = []): Promise<T[]> {
    try {
      const result = await this.pool().query({ name: this.nameOf(text), text, values });
      return result.rows as T[];
    } catch (error) {
      const database = DATABASE_NAMES.get(this.dataSource);
      if (database !== undefined && typeof error === 'object' && error !== null) Object.assign(error, { database });
      throw error;
    }
  }

  private pool(): Pool {
    // The pool TypeORM's postgres driver opened (typed `any` there).
    const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
    // Only the analytics database may be unconnected while the engine runs (it was down at start; analytics-database.ts retries).
    if (pool === undefined) throw Object.assign(new Error('The database has not been reached yet'), { code: CONNECTION_DOES_NOT_EXIST });
    return pool;
  }

  /** The same text always gets the same name, on every connection. */
  private nameOf(text: string): string {
    let name = this.names.get(text);
    if (name === undefined) {
      name = `tandem_${createHash('sha1').update(text).digest('hex')}`;
      this.names.set(text, name);
    }
    return name;
  }
}
