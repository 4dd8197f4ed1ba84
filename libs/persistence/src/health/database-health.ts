import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** What readiness needs from the database: does it answer, and has every migration of this build run. */
export interface DatabaseStatus {
  reachable: boolean;
  /** Migrations this build knows that the database has not run (empty when unreachable). */
  pendingMigrations: string[];
}

@Injectable()
export class DatabaseHealth {
  constructor(private readonly dataSource: DataSource) {}

  async status(): Promise<DatabaseStatus> {
    try {
      const executed = new Set((await this.dataSource.query<{ name: string }[]>('SELECT name FROM migrations')).map(({ name }) => name));
      const pendingMigrations = this.dataSource.migrations.map(({ name }) => name!).filter((name) => !executed.has(name));
      return { reachable: true, pendingMigrations };
    } catch {
      return { reachable: false, pendingMigrations: [] };
    }
  }
}
