import { randomUUID } from 'node:crypto';
import { loadBpmn } from '#bpmn';
import { execute, startInstance, type Command, type EnginePorts, type Variables } from '#engine';
import {
  ExternalTaskRepository,
  IncidentRepository,
  InstanceRepository,
  JobRepository,
  ProcessVersionRepository,
  TaskRepository,
  type ProcessVersionRecord,
  type StoredInstance,
} from '#persistence';
import type { DataSource } from 'typeorm';
import { openTestDataSource } from './test-database.js';
import { TestClock } from './test-clock.js';

/** start -> review (user task, 1 h interrupting boundary timer) -> check (external task) -> end. */
export const REVIEW_AND_CHECK = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0"
  id="d" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="review-and-check" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="review" name="Review" tandem:candidateGroups="first-line">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:boundaryEvent id="review-overdue" attachedToRef="review" cancelActivity="true">
      <bpmn:outgoing>f4</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:serviceTask id="check" tandem:topic="check" tandem:retries="2">
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="overdue"><bpmn:incoming>f4</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="check" />
    <bpmn:sequenceFlow id="f3" sourceRef="check" targetRef="end" />
    <bpmn:sequenceFlow id="f4" sourceRef="review-overdue" targetRef="overdue" />
  </bpmn:process>
</bpmn:definitions>`;

/**
 * The repositories on a migrated database of their own, with the real engine producing the results
 * they store: what the app does per command, minus HTTP.
 */
export class PersistenceScenario {
  readonly clock = new TestClock(new Date('2026-01-05T09:00:00.000Z'));
  readonly ports: EnginePorts = { clock: this.clock, ids: { next: () => randomUUID() } };
  readonly versions: ProcessVersionRepository;
  readonly instances: InstanceRepository;
  readonly tasks: TaskRepository;
  readonly externalTasks: ExternalTaskRepository;
  readonly jobs: JobRepository;
  readonly incidents: IncidentRepository;

  private constructor(
    readonly dataSource: DataSource,
    readonly version: ProcessVersionRecord,
    private readonly closeDatabase: () => Promise<void>,
  ) {
    this.versions = new ProcessVersionRepository(dataSource);
    this.instances = new InstanceRepository(dataSource);
    this.tasks = new TaskRepository(dataSource);
    this.externalTasks = new ExternalTaskRepository(dataSource);
    this.jobs = new JobRepository(dataSource);
    this.incidents = new IncidentRepository(dataSource);
  }

  static async open(): Promise<PersistenceScenario> {
    const { dataSource, close } = await openTestDataSource();
    const { processes } = await loadBpmn(REVIEW_AND_CHECK);
    const repository = new ProcessVersionRepository(dataSource);
    const [deployed] = await repository.deploy({
      xml: REVIEW_AND_CHECK,
      graphs: [{ id: randomUUID(), graph: processes[0] }],
      deployedAt: new Date(),
    });
    const version = await repository.findRunnable(deployed.id);
    return new PersistenceScenario(dataSource, version!, close);
  }

  async start(variables: Variables = {}, businessKey?: string): Promise<StoredInstance> {
    const result = startInstance(
      this.version.graph,
      {
        type: 'start',
        instanceId: randomUUID(),
        processVersionId: this.version.id,
        variables,
        ...(businessKey !== undefined && { businessKey }),
      },
      this.ports,
    );
    const revision = await this.instances.commit(result, null);
    return { state: result.state, revision };
  }

  /** Runs a command on the stored instance, as loaded now, and commits it. */
  async run(instance: StoredInstance, command: Command): Promise<StoredInstance> {
    const result = execute(this.version.graph, instance.state, command, this.ports);
    const revision = await this.instances.commit(result, instance);
    return { state: result.state, revision };
  }

  async reload(instanceId: string): Promise<StoredInstance> {
    return (await this.instances.load(instanceId))!;
  }

  activity(instance: StoredInstance, elementId: string): string {
    return instance.state.activities.find((activity) => activity.elementId === elementId)!.id;
  }

  async count(table: string, where = 'true', params: unknown[] = []): Promise<number> {
    const rows: Array<{ count: string }> = await this.dataSource.query(`SELECT count(*) FROM ${table} WHERE ${where}`, params);
    return Number(rows[0].count);
  }

  close(): Promise<void> {
    return this.closeDatabase();
  }
}
