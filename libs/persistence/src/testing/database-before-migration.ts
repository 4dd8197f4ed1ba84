import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../../test/e2e/support/test-database.js';
import { dataSourceOptions, MIGRATIONS } from '../data-source-options.js';

/**
 * For a migration's spec: a fresh database migrated up to the migration before `migration`, to be
 * filled as older engines left it; `migrateAll` closes that connection and opens the database as
 * the engine does, with every migration.
 */
export const databaseBeforeMigration = async (migration: (typeof MIGRATIONS)[number]) => {
  const database: TestDatabase = await createTestDatabase();
  const options = dataSourceOptions({ url: database.url, poolSize: 2 });
  const earlier = await new DataSource({ ...options, migrations: MIGRATIONS.slice(0, MIGRATIONS.indexOf(migration)) }).initialize();
  await earlier.runMigrations({ transaction: 'each' });
  return {
    database,
    earlier,
    migrateAll: async (): Promise<DataSource> => {
      await earlier.destroy();
      const migrated = await new DataSource(options).initialize();
      await migrated.runMigrations({ transaction: 'each' });
      return migrated;
    },
  };
};
