/**
 * Tandem's engine core on the same footing as the bpmn-engine peer: the service-request model run by
 * libs/engine in memory, one case after another, no persistence, no HTTP. Each case takes the steps
 * the throughput bench's clients take (start, claim and complete triage, lock and complete the
 * lookup, claim and complete resolve), so the gap between this figure and the durable bench's is
 * the cost of HTTP, authentication and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadBpmn } from '#bpmn';
import { execute, startInstance, type Command, type EnginePorts, type InstanceState } from '#engine';
import { projectRoot } from '../support/engine-process.js';
import type { PeerResult } from './bpmn-engine-peer.js';

export interface CorePeerResult extends PeerResult {
  /** CPU ms per case (user + system) of this process. */
  cpuMsPerCase: number;
}

export async function runTandemCore(cases: number): Promise<CorePeerResult> {
  const { processes } = await loadBpmn(readFileSync(join(projectRoot(), 'bench/throughput/service-request.bpmn'), 'utf8'));
  const graph = processes[0];
  const ports: EnginePorts = { clock: { now: () => new Date() }, ids: { next: () => randomUUID() } };
  const waitingAt = (state: InstanceState, elementId: string): string => {
    const activity = state.activities.find((candidate) => candidate.elementId === elementId);
    if (!activity) throw new Error(`no activity waits at ${elementId}`);
    return activity.id;
  };
  const runCase = (sequence: number) => {
    const variables = { category: sequence % 5 === 0 ? 'complaint' : 'inquiry', amount: sequence % 5000 };
    let { state } = startInstance(graph, { type: 'start', instanceId: randomUUID(), processVersionId: 'bench', businessKey: `customer-${sequence % 300}`, variables }, ports);
    const run = (command: (state: InstanceState) => Command) => ({ state } = execute(graph, state, command(state), ports));
    for (const elementId of ['triage', 'lookup', 'resolve']) {
      if (elementId === 'lookup') {
        run((now) => ({ type: 'lockExternalTask', activityInstanceId: waitingAt(now, elementId), workerId: 'worker-0' }));
        run((now) => ({ type: 'completeExternalTask', activityInstanceId: waitingAt(now, elementId), workerId: 'worker-0', variables: { customerFound: true } }));
        continue;
      }
      run((now) => ({ type: 'claimTask', activityInstanceId: waitingAt(now, elementId), actor: 'agent-0', start: true }));
      run((now) => ({ type: 'completeTask', activityInstanceId: waitingAt(now, elementId), actor: 'agent-0', variables: { [`${elementId}Note`]: 'done' } }));
    }
    if (state.status !== 'completed') throw new Error(`case ${sequence} ended ${state.status}`);
  };
  for (let sequence = 0; sequence < Math.min(cases, 20); sequence++) runCase(sequence);
  const cpuBefore = process.cpuUsage();
  const began = performance.now();
  for (let sequence = 0; sequence < cases; sequence++) runCase(sequence);
  const seconds = (performance.now() - began) / 1000;
  const { user, system } = process.cpuUsage(cpuBefore);
  return { cases, seconds, casesPerSecond: cases / seconds, cpuMsPerCase: (user + system) / 1000 / cases };
}
