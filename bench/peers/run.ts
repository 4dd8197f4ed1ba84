/**
 * The bpmn-engine peer alone (issue 19 point 2): the service-request model in memory, no persistence,
 * no HTTP, and Tandem's own engine core on the same footing. `npm run bench:throughput` runs both too
 * and prints Tandem's durable ratio to the peer.
 *
 *   npm run bench:peers            # BENCH_PEER_CASES (default 1000)
 */
import { runBpmnEnginePeer } from './bpmn-engine-peer.js';
import { runTandemCore } from './tandem-core-peer.js';

const CASES = Number(process.env.BENCH_PEER_CASES ?? 1000);

const peer = await runBpmnEnginePeer(CASES);
console.log(`\nbpmn-engine peer: ${peer.cases} service-request cases in memory, one at a time, nothing persisted`);
console.log(`bpmn-engine in-memory cases/s:        ${peer.casesPerSecond.toFixed(1)}`);

const core = await runTandemCore(CASES);
console.log(`Tandem's engine core, same model, in memory: ${core.casesPerSecond.toFixed(1)} cases/s, ${core.cpuMsPerCase.toFixed(3)} CPU ms per case`);
