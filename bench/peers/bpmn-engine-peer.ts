/**
 * The in-memory peer of issue 19: the throughput bench's service-request model run by `bpmn-engine`,
 * persisting nothing and with no HTTP. User tasks are signalled as they wait and the service task
 * completes at once, so the figure is the peer's own cost per case.
 *
 * bpmn-engine cannot run two constructs of the model, so the peer's copy (made from the same file at
 * run time) adapts them:
 * - the FEEL condition `= category = "complaint"` on flow f3 becomes the bpmn-engine expression
 *   `${environment.services.isComplaint(environment.variables.category)}` (bpmn-engine has no FEEL);
 * - the service task `lookup` (a Tandem external task on topic crm-lookup) gets
 *   `implementation="${environment.services.lookup}"`, a service that answers `customerFound: true` at once.
 * The `tandem:*` attributes (candidate groups, value class, stage, due date) are left in; bpmn-engine ignores them.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BpmnModdle } from 'bpmn-moddle';
import { Engine } from 'bpmn-engine';
import { projectRoot } from '../support/engine-process.js';

export interface PeerResult {
  cases: number;
  seconds: number;
  casesPerSecond: number;
}

const ADAPTATIONS: ReadonlyArray<readonly [from: string, to: string]> = [
  ['= category = "complaint"', '${environment.services.isComplaint(environment.variables.category)}'],
  ['<bpmn:serviceTask id="lookup"', '<bpmn:serviceTask id="lookup" implementation="${environment.services.lookup}"'],
];

const services = {
  isComplaint: (category: unknown) => category === 'complaint',
  lookup: (_scope: unknown, next: (error: Error | null, output: Record<string, unknown>) => void) => next(null, { customerFound: true }),
};

/** The throughput bench's model with the adaptations above; fails loudly if that model has changed under them. */
export function peerModel(): string {
  const original = readFileSync(join(projectRoot(), 'bench/throughput/service-request.bpmn'), 'utf8');
  return ADAPTATIONS.reduce((xml, [from, to]) => {
    if (!xml.includes(from)) throw new Error(`the service-request model no longer contains ${from}: update the peer's adaptations`);
    return xml.replace(from, to);
  }, original);
}

/** Runs `cases` cases one after another (parsed once, as a peer serving requests would cache it) and times them. */
export async function runBpmnEnginePeer(cases: number): Promise<PeerResult> {
  const moddleContext = await new BpmnModdle().fromXML(peerModel());
  const runCase = async (sequence: number) => {
    const engine = new Engine({ name: `peer-${sequence}`, moddleContext: moddleContext as never, services });
    const listener = new EventEmitter();
    listener.on('wait', (api: { id: string; signal: (message: unknown) => void }) => api.signal({ [`${api.id}Note`]: 'done' }));
    const ended = new Promise((resolve, reject) => {
      engine.once('end', resolve);
      engine.once('error', reject);
    });
    await engine.execute({ listener, variables: { category: sequence % 5 === 0 ? 'complaint' : 'inquiry', amount: sequence % 5000 } });
    await ended;
  };
  for (let sequence = 0; sequence < Math.min(cases, 20); sequence++) await runCase(sequence);
  const began = performance.now();
  for (let sequence = 0; sequence < cases; sequence++) await runCase(sequence);
  const seconds = (performance.now() - began) / 1000;
  return { cases, seconds, casesPerSecond: cases / seconds };
}
