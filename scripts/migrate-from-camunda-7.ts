/**
 * Moves the running instances of a Camunda 7 engine into Tandem (docs/migrating-from-camunda-7.md):
 *
 *   npm run migrate:camunda7 -- --from http://camunda:8080/engine-rest --user demo --password demo \
 *     --to http://tandem:3000 --to-user admin --to-password <password> [--key invoice] [--dry-run]
 *
 * Deploy the models to Tandem first. Prints what moved, what was skipped and why, what Tandem
 * refused; exits 1 when anything failed. Camunda's instances are left as they are: end them there
 * once the moved cases run in Tandem.
 */
import { migrateFromCamunda7, migrationOptionsOf, migrationSummary } from './camunda-7-migration.js';

try {
  const report = await migrateFromCamunda7(migrationOptionsOf(process.argv.slice(2), process.env));
  console.log(migrationSummary(report));
  if (report.failed.length > 0) process.exitCode = 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
}
