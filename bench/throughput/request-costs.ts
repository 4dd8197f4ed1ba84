/**
 * What one request costs the engine's CPU, layer by layer (issue 19's profile, in three figures): a
 * bare request through the HTTP stack (no authentication, no SQL), an authenticated read of one task
 * (one statement), and a start (authentication, the engine, the commit). Measured as the engine
 * process's CPU ms per request, which the machine's other load hardly moves, with 8 requests in flight.
 *
 *   npm run bench:request-costs      # BENCH_REQUESTS per kind (default 3000), BENCH_ROUNDS (default 2)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBenchDatabase } from '../support/bench-database.js';
import { processTreeCpuMs } from '../support/cpu-meter.js';
import { createUser, deployXml, projectRoot, startEngineProcess, type EngineProcess } from '../support/engine-process.js';
import { send } from '../support/http-client.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const IN_FLIGHT = 8;

type Request = () => Promise<{ status: number; text: string }>;

async function engineCpuMsPerRequest(engine: EngineProcess, request: Request): Promise<number> {
  for (let warmup = 0; warmup < 200; warmup++) await request();
  const before = processTreeCpuMs(engine.child.pid!);
  let sent = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (sent < REQUESTS) {
        sent++;
        const { status, text } = await request();
        if (status >= 400) throw new Error(`${status} ${text}`);
      }
    }),
  );
  return (processTreeCpuMs(engine.child.pid!) - before) / REQUESTS;
}

const db = await startBenchDatabase(['engine']);
const engine = await startEngineProcess({ databaseUrl: db.url('engine') });
try {
  const admin = { 'content-type': 'application/json', ...engine.authHeaders };
  await deployXml(engine, readFileSync(join(projectRoot(), 'bench/throughput/service-request.bpmn'), 'utf8'));
  await fetch(`${engine.baseUrl}/groups`, { method: 'POST', headers: admin, body: JSON.stringify({ id: 'first-line', name: 'First line', tier: 1 }) });
  const agent = { authorization: `Bearer ${await createUser(engine, { username: 'agent-0', password: 'bench-agent-password', roles: ['agent'], groups: ['first-line'] })}` };
  const start = () => send(`${engine.baseUrl}/processes/bench-service-request/instances`, 'POST', agent, { variables: { category: 'inquiry', amount: 1 } });
  await start();
  const queue = JSON.parse((await send(`${engine.baseUrl}/tasks?candidateGroup=first-line&status=open&limit=1`, 'GET', agent)).text) as Array<{ id: string }>;
  const taskId = queue[0].id;
  const kinds: Array<[string, Request]> = [
    ['GET /api/health/live (no auth, no SQL)', () => send(`${engine.baseUrl}/health/live`, 'GET', {})],
    ['GET /api/tasks/:id (auth, 1 read)', () => send(`${engine.baseUrl}/tasks/${taskId}`, 'GET', agent)],
    ['POST start (auth, engine, commit)', start],
  ];
  const rows: Array<Record<string, string | number>> = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [request, send] of kinds) rows.push({ round, request, engineCpuMsPerRequest: +(await engineCpuMsPerRequest(engine, send)).toFixed(3) });
  }
  console.log(`\nEngine CPU per request, ${REQUESTS} requests per kind, ${IN_FLIGHT} in flight (load average ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]})`);
  console.table(rows);
} finally {
  await engine.stop();
  await db.stop();
}
