import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadBpmn, type ProcessGraph } from '#bpmn';
import { execute, startInstance, type EngineResult, type EnginePorts, type InstanceState } from '#engine';
import type { DataSource } from 'typeorm';
import { openTestDataSource } from '../../../../test/e2e/support/test-database.js';
import { TestClock } from '../../../../test/e2e/support/test-clock.js';
import { InstanceRepository, type StoredInstance } from '../instances/instance.repository.js';
import { PERSISTENCE_ERRORS } from '../persistence-errors.js';
import { ProcessVersionRepository } from '../process-versions/process-version.repository.js';
import { CallActivityRepository } from './call-activity.repository.js';

const definitions = (process: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0" id="d" targetNamespace="https://tandem.dev/test">
${process}
</bpmn:definitions>`;

/** start -> call `child` -> end. */
const PARENT = definitions(`<bpmn:process id="parent" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:callActivity id="call" calledElement="child" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" />
    <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end" />
  </bpmn:process>`);

/** start -> a user task -> end. */
const CHILD = definitions(`<bpmn:process id="child" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="work" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />
  </bpmn:process>`);

const LEASE_MS = 30_000;

describe('call activity rows', () => {
  let database: Awaited<ReturnType<typeof openTestDataSource>>;
  let dataSource: DataSource;
  let instances: InstanceRepository;
  let sut: CallActivityRepository;
  let graphs: Record<'parent' | 'child', { id: string; graph: ProcessGraph }>;
  const clock = new TestClock(new Date('2026-01-05T09:00:00.000Z'));
  const ports: EnginePorts = { clock, ids: { next: () => randomUUID() } };

  beforeAll(async () => {
    database = await openTestDataSource();
    dataSource = database.dataSource;
    instances = new InstanceRepository(dataSource);
    sut = new CallActivityRepository(dataSource);
    const versions = new ProcessVersionRepository(dataSource);
    const deploy = async (xml: string) => {
      const [graph] = (await loadBpmn(xml)).processes;
      const [version] = await versions.deploy({ xml, graphs: [{ id: randomUUID(), graph }], deployedAt: clock.now() });
      return { id: version.id, graph };
    };
    graphs = { parent: await deploy(PARENT), child: await deploy(CHILD) };
  });

  afterAll(async () => {
    await database?.close();
  });

  const commit = async (result: EngineResult, previous: StoredInstance | null): Promise<StoredInstance> => ({
    state: result.state,
    revision: await instances.commit(result, previous),
  });

  const startParent = () =>
    commit(startInstance(graphs.parent.graph, { type: 'start', instanceId: randomUUID(), processVersionId: graphs.parent.id, businessKey: 'bk' }, ports), null);

  const childStart = (parent: InstanceState) =>
    startInstance(
      graphs.child.graph,
      { type: 'start', instanceId: randomUUID(), processVersionId: graphs.child.id, parent: { instanceId: parent.id, activityInstanceId: callOf(parent) } },
      ports,
    );

  const callOf = (parent: InstanceState) => parent.activities.find(({ elementId }) => elementId === 'call')!.id;

  it('is written with the parent state, owing the start of the child until the child is committed', async () => {
    // given a parent that reached its call activity
    const parent = await startParent();
    // then the row holds the call, and owes the child's start since the command
    const row = await sut.find(callOf(parent.state));
    expect(row).toEqual(
      expect.objectContaining({ instanceId: parent.state.id, elementId: 'call', processKey: 'child', binding: 'latest', businessKey: 'bk', status: 'waiting', child: null }),
    );
    expect(row?.followUpSince).toEqual(clock.now());

    // when the child is committed with its parent link
    const child = await commit(childStart(parent.state), null);

    // then nothing is owed while the child runs, and the row sees it
    expect(await sut.find(callOf(parent.state))).toEqual(expect.objectContaining({ followUpSince: null, child: { id: child.state.id, status: 'active' } }));
  });

  it('allows one child per call activity instance: a second start writes nothing', async () => {
    // given a child started for the call activity
    const parent = await startParent();
    await commit(childStart(parent.state), null);
    // when another engine process starts one too
    const second = childStart(parent.state);
    // then it is refused like a stale revision, and no second instance exists
    await expect(instances.commit(second, null)).rejects.toMatchObject({ code: PERSISTENCE_ERRORS.revisionConflict });
    expect(await instances.load(second.state.id)).toBeNull();
  });

  it('owes the parent the result when the child ends, and nothing once the parent completed the call activity', async () => {
    // given a parent with a running child
    const parent = await startParent();
    const child = await commit(childStart(parent.state), null);
    // when the child ends
    clock.advance(1000);
    const work = child.state.activities[0].id;
    await commit(execute(graphs.child.graph, child.state, { type: 'completeTask', activityInstanceId: work }, ports), child);
    // then the parent is owed its result since then
    expect(await sut.find(callOf(parent.state))).toEqual(expect.objectContaining({ followUpSince: clock.now(), child: expect.objectContaining({ status: 'completed' }) }));
    // and when the parent completes the call activity, nothing is owed any more
    await commit(execute(graphs.parent.graph, parent.state, { type: 'completeCallActivity', activityInstanceId: callOf(parent.state) }, ports), parent);
    expect(await sut.find(callOf(parent.state))).toEqual(expect.objectContaining({ status: 'completed', followUpSince: null }));
  });

  it('owes the cancellation of the child when the parent is canceled, until the child has ended', async () => {
    // given a parent with a running child
    const parent = await startParent();
    const child = await commit(childStart(parent.state), null);
    // when the parent is canceled
    await commit(execute(graphs.parent.graph, parent.state, { type: 'cancelInstance' }, ports), parent);
    // then the canceled call activity owes its child's cancellation
    expect(await sut.find(callOf(parent.state))).toEqual(expect.objectContaining({ status: 'canceled', followUpSince: clock.now() }));
    // and once the child is canceled, nothing
    await commit(execute(graphs.child.graph, child.state, { type: 'cancelInstance' }, ports), child);
    expect(await sut.find(callOf(parent.state))).toEqual(expect.objectContaining({ followUpSince: null }));
  });

  it('lets work owed for longer than the grace period be claimed once per lease', async () => {
    // given a parent whose child was never started
    const parent = await startParent();
    const activityInstanceId = callOf(parent.state);
    const claim = () => sut.claimFollowUps({ now: clock.now(), graceMs: LEASE_MS, limit: 100 });
    const claimedIds = async () => (await claim()).map((record) => record.activityInstanceId);
    // when claimed within the grace period, then it is left alone
    expect(await claimedIds()).not.toContain(activityInstanceId);
    // when claimed after it, then one claim gets it, and a second right after does not
    clock.advance(LEASE_MS + 1);
    expect(await claimedIds()).toContain(activityInstanceId);
    expect(await claimedIds()).not.toContain(activityInstanceId);
    // and after another lease it is claimable again
    clock.advance(LEASE_MS + 1);
    expect(await claimedIds()).toContain(activityInstanceId);
  });

  it('raises one incident on the parent after the last allowed failure, and resolves it on recovery', async () => {
    // given a call activity whose follow-up fails three times
    const parent = await startParent();
    const activityInstanceId = callOf(parent.state);
    const incidentIds = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    for (const incidentId of incidentIds) {
      await sut.recordFailure({ activityInstanceId, error: 'boom', now: clock.now(), final: false, maxAttempts: 3, incidentId });
    }
    // then exactly one incident exists, at the call activity, from the third failure
    const incidents = async () =>
      dataSource.query(`SELECT id, element_id, message, resolved_at FROM incident WHERE instance_id = $1`, [parent.state.id]) as Promise<
        Array<{ id: string; element_id: string; message: string; resolved_at: Date | null }>
      >;
    expect(await incidents()).toEqual([{ id: incidentIds[2], element_id: 'call', message: 'boom', resolved_at: null }]);
    expect(await sut.find(activityInstanceId)).toEqual(expect.objectContaining({ attempts: 4, followUpSince: clock.now() }));
    // when the follow-up works
    await sut.recovered(activityInstanceId, clock.now());
    // then the incident is resolved and the failures forgotten
    expect(await incidents()).toEqual([expect.objectContaining({ resolved_at: clock.now() })]);
    expect(await sut.find(activityInstanceId)).toEqual(expect.objectContaining({ attempts: 0 }));
  });

  it('settles only what nobody changed since it was read', async () => {
    // given a row read while it owed work
    const parent = await startParent();
    const activityInstanceId = callOf(parent.state);
    const read = (await sut.find(activityInstanceId))!;
    // when the parent is canceled in the meantime (the row now owes the child's cancellation), then settling with the stale reading changes nothing
    clock.advance(1000);
    await commit(execute(graphs.parent.graph, parent.state, { type: 'cancelInstance' }, ports), parent);
    await sut.settle(activityInstanceId, read.followUpSince);
    expect((await sut.find(activityInstanceId))?.followUpSince).toEqual(clock.now());
    // and settling with the current reading settles it
    await sut.settle(activityInstanceId, clock.now());
    expect((await sut.find(activityInstanceId))?.followUpSince).toBeNull();
  });
});
