/**
 * The bpmn-engine peer alone (issue 19 point 2): the service-request model in memory, no persistence,
 * no HTTP. `npm run bench:throughput` runs it too and prints Tandem's ratio to it.
 *
 *   npm run bench:peers            # BENCH_PEER_CASES (default 1000)
 */
import { runBpmnEnginePeer } from './bpmn-engine-peer.js';

const CASES = Number(process.env.BENCH_PEER_CASES ?? 1000);

const peer = await runBpmnEnginePeer(CASES);
console.log(`\nbpmn-engine peer: ${peer.cases} service-request cases in memory, one at a time, nothing persisted`);
console.log(`bpmn-engine in-memory cases/s:        ${peer.casesPerSecond.toFixed(1)}`);
