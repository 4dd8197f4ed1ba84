import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execute, startInstance, type EnginePorts } from '#engine';
import { InstanceRepository, openDataSource, ProcessVersionRepository } from '#persistence';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { HOUR } from './support/test-clock.js';
import { CallActivityReconciler } from '../../apps/engine/src/call-activities/call-activity-reconciler.service.js';
import { createTestApp, deploy, eventually, fixture, type TestApp } from './support/test-app.js';

interface Instance {
  id: string;
  processKey: string;
  version: number;
  businessKey?: string;
  parentInstanceId?: string;
  parentActivityInstanceId?: string;
  status: string;
  activeElementIds: string[];
  activities: Array<{ id: string; elementId: string }>;
  variables: Record<string, unknown>;
  incidents?: Array<{ elementId: string; message: string; resolvedAt: string | null }>;
}

/** The lease after which another engine process takes over work an engine process owed (DEFAULT_APP_CONFIG.jobLeaseMs). */
const LEASE_MS = 30_000;

describe('call activities over HTTP', () => {
  let sut: TestApp;
  let caseHandlingV1: string;

  beforeAll(async () => {
    sut = await createTestApp();
    caseHandlingV1 = await fixture('case-handling.bpmn');
    await deploy(sut.server, caseHandlingV1);
    await deploy(sut.server, await fixture('escalation.bpmn'));
  });

  afterAll(async () => {
    await sut?.close();
  });

  const http = () => request(sut.server);

  const start = async (key: string, body: object): Promise<Instance> => {
    const response = await http().post(`/api/processes/${key}/instances`).send(body);
    expect(response.status).toBe(201);
    return response.body as Instance;
  };

  const get = async (id: string): Promise<Instance> => (await http().get(`/api/instances/${id}`)).body as Instance;

  /** The called instances of a case, found by the business key the parent passed down. */
  const children = async (businessKey: string): Promise<Instance[]> => {
    const listed = await http().get('/api/instances').query({ processKey: 'case-handling', businessKey });
    return Promise.all((listed.body as Array<{ id: string }>).map(({ id }) => get(id)));
  };

  const completeTask = async (instanceId: string, variables: object) => {
    const tasks = await http().get('/api/tasks').query({ instanceId, status: 'open' });
    expect(tasks.body).toHaveLength(1);
    const completed = await http().post(`/api/tasks/${tasks.body[0].id}/complete`).send({ userId: 'bo', variables });
    expect(completed.status).toBe(200);
  };

  it('starts the latest version of the called process with the input mappings and the business key, and hands the output back', async () => {
    // given an escalation of an amount of 100 for customer Ada
    const parent = await start('escalation', { businessKey: 'case-1', variables: { amount: 100, customer: 'Ada' } });

    // then it waits in the call activity, and the child runs with only the mapped variable and the same business key
    expect(parent.activeElementIds).toEqual(['handle']);
    const [child] = await children('case-1');
    const handle = parent.activities.find(({ elementId }) => elementId === 'handle');
    expect(child).toEqual(
      expect.objectContaining({
        processKey: 'case-handling',
        version: 1,
        businessKey: 'case-1',
        parentInstanceId: parent.id,
        parentActivityInstanceId: handle?.id,
        status: 'active',
        activeElementIds: ['resolve'],
        variables: { caseAmount: 200 },
      }),
    );

    // when the child's task is completed with a resolution
    await completeTask(child.id, { resolution: 'refund' });

    // then the child ended, and the parent got the resolution through its output mapping only and moved on
    expect((await get(child.id)).status).toBe('completed');
    const after = await get(parent.id);
    expect(after.activeElementIds).toEqual(['confirm']);
    expect(after.variables).toEqual({ amount: 100, customer: 'Ada', outcome: 'refund' });
  });

  it('completes the call activity within the same request when the called process ends at once', async () => {
    // given a called process of one script task, and a model calling it
    await deploy(
      sut.server,
      `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0" id="d" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="instant-check" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:scriptTask id="check" scriptFormat="feel" tandem:resultVariable="resolution"><bpmn:script>if caseAmount > 100 then "review" else "approve"</bpmn:script></bpmn:scriptTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check" />
    <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`,
    );
    await deploy(
      sut.server,
      (await fixture('escalation.bpmn')).replace('id="escalation"', 'id="escalation-instant"').replace('calledElement="case-handling"', 'calledElement="instant-check"'),
    );

    // when a case starts
    const parent = await start('escalation-instant', { variables: { amount: 10 } });

    // then by the time the start has answered, the child ran to its end and the parent moved past the call activity
    const after = await get(parent.id);
    expect(after.activeElementIds).toEqual(['confirm']);
    expect(after.variables).toEqual({ amount: 10, outcome: 'approve' });
  });

  it('records the call activity in the parent ledger as ready, started and completed', async () => {
    // given a case whose called case was resolved
    const parent = await start('escalation', { businessKey: 'case-ledger', variables: { amount: 1 } });
    const [child] = await children('case-ledger');
    await completeTask(child.id, { resolution: 'done' });

    // when the parent's steps are read
    const steps = (await http().get(`/api/instances/${parent.id}/steps`)).body as Array<{
      elementId: string;
      elementType: string;
      startedAt: string | null;
      completedAt: string | null;
    }>;

    // then the call activity is one step of its own, started at once and completed when the child ended
    expect(steps.find(({ elementId }) => elementId === 'handle')).toEqual(
      expect.objectContaining({ elementType: 'callActivity', startedAt: expect.any(String), completedAt: expect.any(String) }),
    );
  });

  it('calls the pinned version even when a newer one is deployed', async () => {
    // given version 2 of the called process and a model pinned to version 1
    const v2 = await deploy(sut.server, caseHandlingV1.replace('name="Resolve the case"', 'name="Resolve the case (v2)"'));
    expect(v2.version).toBe(2);
    await deploy(sut.server, await fixture('escalation-pinned.bpmn'));

    // when both models start a case
    await start('escalation-pinned', { businessKey: 'case-pinned', variables: { amount: 5 } });
    await start('escalation', { businessKey: 'case-latest', variables: { amount: 5 } });

    // then the pinned one runs version 1 (with every variable passed down), the other the latest
    const [pinned] = await children('case-pinned');
    const [latest] = await children('case-latest');
    expect({ version: pinned.version, variables: pinned.variables }).toEqual({ version: 1, variables: { amount: 5 } });
    expect(latest.version).toBe(2);
  });

  it('cancels the child when a boundary timer interrupts the call activity', async () => {
    // given a case whose called case waits
    const parent = await start('escalation', { businessKey: 'case-overdue', variables: { amount: 7 } });
    const [child] = await children('case-overdue');

    // when the hour on the call activity passes
    sut.clock.advance(HOUR + 1);

    // then the parent apologises, and the child is canceled with its task
    const after = await eventually(
      () => get(parent.id),
      ({ activeElementIds }) => activeElementIds.includes('apologise'),
    );
    expect(after.activeElementIds).toEqual(['apologise']);
    const canceled = await eventually(
      () => get(child.id),
      ({ status }) => status === 'canceled',
    );
    expect(canceled.status).toBe('canceled');
    const tasks = await http().get('/api/tasks').query({ instanceId: child.id, status: 'open' });
    expect(tasks.body).toEqual([]);
  });

  it('cancels the child when an operator cancels the parent', async () => {
    // given a case whose called case waits
    const parent = await start('escalation', { businessKey: 'case-cancel', variables: { amount: 3 } });
    const [child] = await children('case-cancel');

    // when the parent is canceled
    expect((await http().post(`/api/instances/${parent.id}/cancel`).send({})).status).toBe(200);

    // then the child is canceled too
    expect((await get(child.id)).status).toBe('canceled');
  });

  it('raises an incident on the call activity when the child is canceled on its own, and leaves the parent waiting', async () => {
    // given a case whose called case waits
    const parent = await start('escalation', { businessKey: 'case-child-canceled', variables: { amount: 3 } });
    const [child] = await children('case-child-canceled');

    // when an operator cancels the child, not the parent
    expect((await http().post(`/api/instances/${child.id}/cancel`).send({})).status).toBe(200);

    // then the parent cannot complete the call activity: it still waits there, with an incident saying why
    const after = await get(parent.id);
    expect(after.activeElementIds).toEqual(['handle']);
    expect(after.incidents).toEqual([expect.objectContaining({ elementId: 'handle', resolvedAt: null, message: expect.stringContaining('CALLED_INSTANCE_CANCELED') })]);
  });

  it('refuses a command reaching a call activity of a process that is not deployed, and changes nothing', async () => {
    // given a model calling an unknown process, deployed with a warning naming the call activity
    const deployed = await http()
      .post('/api/deployments')
      .set('Content-Type', 'application/xml')
      .send(await fixture('unknown-callee.bpmn'));
    expect(deployed.status).toBe(201);
    expect(deployed.body.warnings).toContainEqual(
      expect.objectContaining({ elementId: 'call-nobody', rule: 'called-process-deployed', severity: 'warning', message: expect.stringContaining('no-such-process') }),
    );
    const parent = await start('unknown-callee', { businessKey: 'case-unknown' });

    // when the task before the call activity is completed
    const tasks = await http().get('/api/tasks').query({ instanceId: parent.id, status: 'open' });
    const completed = await http().post(`/api/tasks/${tasks.body[0].id}/complete`).send({ userId: 'bo' });

    // then the command is refused naming the call activity and the key, and the task still waits
    expect(completed.status).toBe(422);
    expect(completed.body).toEqual(expect.objectContaining({ code: 'CALLED_PROCESS_NOT_FOUND', details: { elementId: 'call-nobody', processKey: 'no-such-process' } }));
    expect((await get(parent.id)).activeElementIds).toEqual(['take']);
  });

  it('refuses to start an instance whose first step calls a version that is not deployed', async () => {
    // given a model pinned to version 9 of case-handling
    const pinned = (await fixture('escalation-pinned.bpmn'))
      .replace('calledElementVersion="1"', 'calledElementVersion="9"')
      .replace('id="escalation-pinned"', 'id="escalation-pinned-9"');
    await deploy(sut.server, pinned);

    // when a case starts
    const response = await http().post('/api/processes/escalation-pinned-9/instances').send({ businessKey: 'case-v9' });

    // then nothing is stored
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('CALLED_PROCESS_NOT_FOUND');
    expect(response.body.message).toContain("version 9 of process 'case-handling'");
    const listed = await http().get('/api/instances').query({ processKey: 'escalation-pinned-9' });
    expect(listed.body).toEqual([]);
  });
});

describe('call activities when the engine process dies between the two commits', () => {
  let sut: TestApp;
  let dataSource: DataSource;
  let ports: EnginePorts;
  let reconciler: CallActivityReconciler;

  beforeAll(async () => {
    // Background polls only at start: the test runs each round of follow-ups itself, after moving the clock.
    sut = await createTestApp({ jobPollMs: 3_600_000 });
    reconciler = sut.app.get(CallActivityReconciler);
    await deploy(sut.server, await fixture('case-handling.bpmn'));
    await deploy(sut.server, await fixture('escalation.bpmn'));
    // The repositories on the app's database, to commit what a dying engine process committed, and no more.
    dataSource = await openDataSource({ url: sut.database.url, poolSize: 2 });
    ports = { clock: sut.clock, ids: { next: () => randomUUID() } };
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await sut?.close();
  });

  const http = () => request(sut.server);
  const get = async (id: string): Promise<Instance> => (await http().get(`/api/instances/${id}`)).body as Instance;
  const calledBy = async (processKey: string, businessKey: string) =>
    (await http().get('/api/instances').query({ processKey, businessKey })).body as Array<{ id: string; status: string }>;

  it('starts a child the dying process never started, and tells a parent its child ended, once the lease has passed', async () => {
    // given a parent committed in the call activity by an engine process that died before starting the child
    const versions = new ProcessVersionRepository(dataSource);
    const instances = new InstanceRepository(dataSource);
    const escalation = (await versions.findRunnable((await versions.findLatestId('escalation'))!))!;
    const parentStart = startInstance(
      escalation.graph,
      { type: 'start', instanceId: randomUUID(), processVersionId: escalation.id, businessKey: 'case-crash', variables: { amount: 21 } },
      ports,
    );
    await instances.commit(parentStart, null);

    // when a round of follow-ups runs within the lease, then nothing happens: the work may still be under way
    expect(await reconciler.runDue()).toBe(0);
    expect(await calledBy('case-handling', 'case-crash')).toEqual([]);

    // when the lease has passed
    sut.clock.advance(LEASE_MS + 1);
    expect(await reconciler.runDue()).toBe(1);

    // then the child runs, with the mapped variables and the business key
    const [started] = await calledBy('case-handling', 'case-crash');
    const child = await get(started.id);
    expect(child).toEqual(expect.objectContaining({ parentInstanceId: parentStart.state.id, variables: { caseAmount: 42 }, businessKey: 'case-crash' }));

    // and given the child's task is completed by an engine process that died before telling the parent
    const caseHandling = (await versions.findRunnable((await versions.findLatestId('case-handling'))!))!;
    const stored = (await instances.load(child.id))!;
    const resolve = stored.state.activities.find(({ elementId }) => elementId === 'resolve')!;
    const childEnd = execute(caseHandling.graph, stored.state, { type: 'completeTask', activityInstanceId: resolve.id, variables: { resolution: 'voucher' } }, ports);
    await instances.commit(childEnd, stored);
    expect((await get(parentStart.state.id)).activeElementIds).toEqual(['handle']);

    // when the lease passes again
    sut.clock.advance(LEASE_MS + 1);
    expect(await reconciler.runDue()).toBe(1);

    // then the parent has the child's result and moves on; nothing more is owed
    const parent = await get(parentStart.state.id);
    expect(parent.activeElementIds).toEqual(['confirm']);
    expect(parent.variables).toEqual({ amount: 21, outcome: 'voucher' });
    sut.clock.advance(LEASE_MS + 1);
    expect(await reconciler.runDue()).toBe(0);
  });

  it('retries a child that fails to start, raises an incident on the call activity after three failures, and resolves it once the child starts', async () => {
    // given a parent calling a process whose first step evaluates a decision nobody deployed yet
    await deploy(sut.server, await fixture('classified-case.bpmn'));
    const parentXml = (await fixture('escalation.bpmn'))
      .replace('id="escalation"', 'id="escalation-classified"')
      .replace('calledElement="case-handling"', 'calledElement="classified-case"');
    await deploy(sut.server, parentXml);

    // when a case starts: its own command works, the child's start after the commit fails
    const parent = (
      await http()
        .post('/api/processes/escalation-classified/instances')
        .send({ businessKey: 'case-retry', variables: { amount: 600 } })
    ).body as Instance;
    expect(parent.activeElementIds).toEqual(['handle']);
    expect((await get(parent.id)).incidents).toEqual([]);

    // and two more rounds, a lease apart, fail too
    for (const _round of [2, 3]) {
      sut.clock.advance(LEASE_MS + 1);
      expect(await reconciler.runDue()).toBe(1);
    }

    // then an incident on the call activity says why, and the parent still waits there
    const failed = await get(parent.id);
    expect(failed.activeElementIds).toEqual(['handle']);
    expect(failed.incidents).toEqual([expect.objectContaining({ elementId: 'handle', resolvedAt: null, message: expect.stringContaining('DECISION_NOT_FOUND') })]);

    // when the decision is deployed and the lease passes
    expect(
      (
        await http()
          .post('/api/deployments')
          .set('Content-Type', 'application/xml')
          .send(await fixture('classification.dmn'))
      ).status,
    ).toBe(201);
    sut.clock.advance(LEASE_MS + 1);
    expect(await reconciler.runDue()).toBe(1);

    // then the child starts and classifies the case, and the incident is resolved
    const [child] = await calledBy('classified-case', 'case-retry');
    expect((await get(child.id)).variables).toEqual({ caseAmount: 1200, class: 'large' });
    expect((await get(parent.id)).incidents).toEqual([expect.objectContaining({ elementId: 'handle', resolvedAt: expect.any(String) })]);
  });
});
