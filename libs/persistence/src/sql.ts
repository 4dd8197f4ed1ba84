import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * The hot paths' way to PostgreSQL: straight to the pg pool under the TypeORM DataSource, as named
 * (prepared) statements, so each connection parses and plans a statement once instead of on every
 * command. Answers the rows of the statement, whatever its kind.
 */
export class Sql {
  private readonly names = new Map<string, string>();

  constructor(private readonly dataSource: DataSource) {}

  async rows<T>(text: string, values: unknown[] = []): Promise<T[]> {
    const result = await this.pool().query({ name: this.nameOf(text), text, values });
    return result.rows as T[];
  }

  private pool(): Pool {
    // The pool TypeORM's postgres driver opened (typed `any` there).
    return (this.dataSource.driver as unknown as { master: Pool }).master;
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
