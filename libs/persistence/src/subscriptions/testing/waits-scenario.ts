import { randomUUID } from 'node:crypto';
import { loadBpmn } from '#bpmn';
import { execute, startInstance, type Command, type EnginePorts, type EngineResult, type Variables } from '#engine';
import type { DataSource } from 'typeorm';
import { openTestDataSource } from '../../../../../test/e2e/support/test-database.js';
import { TestClock } from '../../../../../test/e2e/support/test-clock.js';
import { InstanceRepository, type StoredInstance } from '../../instances/instance.repository.js';
import { ProcessVersionRepository, type ProcessVersionRecord } from '../../process-versions/process-version.repository.js';

/** A message and signal model: a reply awaited by a receive task, with a non-interrupting signal boundary event. */
export const AWAIT_REPLY = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:tandem="https://tandem.dev/schema/bpmn/1.0" id="d" targetNamespace="https://tandem.dev/test">
  <bpmn:message id="reply" name="reply" tandem:correlationKey="=ticketId" />
  <bpmn:message id="ping" name="ping" />
  <bpmn:signal id="outage" name="outage" />
  <bpmn:process id="await-reply" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:receiveTask id="receive-reply" messageRef="reply"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:receiveTask>
    <bpmn:boundaryEvent id="outage-noted" attachedToRef="receive-reply" cancelActivity="false">
      <bpmn:outgoing>f3</bpmn:outgoing><bpmn:signalEventDefinition signalRef="outage" />
    </bpmn:boundaryEvent>
    <bpmn:boundaryEvent id="pinged" attachedToRef="receive-reply" cancelActivity="false">
      <bpmn:outgoing>f4</bpmn:outgoing><bpmn:messageEventDefinition messageRef="ping" />
    </bpmn:boundaryEvent>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="outage-end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="ping-end"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="receive-reply" />
    <bpmn:sequenceFlow id="f2" sourceRef="receive-reply" targetRef="end" />
    <bpmn:sequenceFlow id="f3" sourceRef="outage-noted" targetRef="outage-end" />
    <bpmn:sequenceFlow id="f4" sourceRef="pinged" targetRef="ping-end" />
  </bpmn:process>
</bpmn:definitions>`;

/** A process started by a message or by a signal; `name` tells versions of the key apart. */
export const startedBy = (triggers: { message?: string; signal?: string }, name = 'v'): string => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="https://tandem.dev/test">
  ${triggers.message ? `<bpmn:message id="m" name="${triggers.message}" />` : ''}
  ${triggers.signal ? `<bpmn:signal id="s" name="${triggers.signal}" />` : ''}
  <bpmn:process id="started-by" name="${name}" isExecutable="true">
    <bpmn:startEvent id="none-start"><bpmn:outgoing>f0</bpmn:outgoing></bpmn:startEvent>
    ${triggers.message ? `<bpmn:startEvent id="message-start"><bpmn:outgoing>f1</bpmn:outgoing><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>` : ''}
    ${triggers.signal ? `<bpmn:startEvent id="signal-start"><bpmn:outgoing>f2</bpmn:outgoing><bpmn:signalEventDefinition signalRef="s" /></bpmn:startEvent>` : ''}
    <bpmn:endEvent id="end">
      <bpmn:incoming>f0</bpmn:incoming>
      ${triggers.message ? '<bpmn:incoming>f1</bpmn:incoming>' : ''}
      ${triggers.signal ? '<bpmn:incoming>f2</bpmn:incoming>' : ''}
    </bpmn:endEvent>
    <bpmn:sequenceFlow id="f0" sourceRef="none-start" targetRef="end" />
    ${triggers.message ? '<bpmn:sequenceFlow id="f1" sourceRef="message-start" targetRef="end" />' : ''}
    ${triggers.signal ? '<bpmn:sequenceFlow id="f2" sourceRef="signal-start" targetRef="end" />' : ''}
  </bpmn:process>
</bpmn:definitions>`;

/** A migrated database with the real engine producing the results the message and subscription repositories see. */
export class WaitsScenario {
  readonly clock = new TestClock(new Date('2026-01-05T09:00:00.000Z'));
  readonly ports: EnginePorts = { clock: this.clock, ids: { next: () => randomUUID() } };
  readonly instances: InstanceRepository;
  readonly versions: ProcessVersionRepository;

  private constructor(
    readonly dataSource: DataSource,
    private readonly closeDatabase: () => Promise<void>,
  ) {
    this.instances = new InstanceRepository(dataSource);
    this.versions = new ProcessVersionRepository(dataSource);
  }

  static async open(): Promise<WaitsScenario> {
    const { dataSource, close } = await openTestDataSource();
    return new WaitsScenario(dataSource, close);
  }

  /** Deploys the model's process as the next version of its key. */
  async deploy(xml: string): Promise<ProcessVersionRecord> {
    const { processes } = await loadBpmn(xml);
    const [deployed] = await this.versions.deploy({ xml, graphs: [{ id: randomUUID(), graph: processes[0] }], deployedAt: this.clock.now() });
    return (await this.versions.findRunnable(deployed.id))!;
  }

  /** The engine's result of starting an instance, not yet committed. */
  started(version: ProcessVersionRecord, variables: Variables = {}): EngineResult {
    return startInstance(version.graph, { type: 'start', instanceId: randomUUID(), processVersionId: version.id, variables }, this.ports);
  }

  async start(version: ProcessVersionRecord, variables: Variables = {}): Promise<StoredInstance> {
    const result = this.started(version, variables);
    return { state: result.state, revision: await this.instances.commit(result, null) };
  }

  /** The engine's result of a command on the instance, not yet committed. */
  executed(version: ProcessVersionRecord, instance: StoredInstance, command: Command): EngineResult {
    return execute(version.graph, instance.state, command, this.ports);
  }

  async run(version: ProcessVersionRecord, instance: StoredInstance, command: Command): Promise<StoredInstance> {
    const result = this.executed(version, instance, command);
    return { state: result.state, revision: await this.instances.commit(result, instance) };
  }

  async count(table: string, where = 'true', params: unknown[] = []): Promise<number> {
    const rows: Array<{ count: string }> = await this.dataSource.query(`SELECT count(*) FROM ${table} WHERE ${where}`, params);
    return Number(rows[0].count);
  }

  close(): Promise<void> {
    return this.closeDatabase();
  }
}
