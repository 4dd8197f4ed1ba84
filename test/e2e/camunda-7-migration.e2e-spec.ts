import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { migrateFromCamunda7, migrationOptionsOf, type MigrationOptions } from '../../scripts/camunda-7-migration.js';
import { createTestApp, deploy, TEST_ADMIN, type TestApp } from './support/test-app.js';

const xml = (body: string, extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0" id="defs" targetNamespace="https://tandem.dev/test">
  ${extra}
  ${body}
</bpmn:definitions>`;

const when = (route: string) => `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">= route = "${route}"</bpmn:conditionExpression>`;

/** One case per route: waiting at a user task, an external task, a message, at two tasks at once, inside a sub-process, at a call activity. */
const SUPPORT_CASE = xml(
  `<bpmn:process id="support-case" isExecutable="true">
    <bpmn:startEvent id="opened" />
    <bpmn:exclusiveGateway id="route" />
    <bpmn:userTask id="triage" tandem:candidateGroups="desk" />
    <bpmn:serviceTask id="lookup" tandem:topic="crm-lookup" />
    <bpmn:intermediateCatchEvent id="reply"><bpmn:messageEventDefinition messageRef="reply-message" /></bpmn:intermediateCatchEvent>
    <bpmn:parallelGateway id="fork" />
    <bpmn:userTask id="call-back" />
    <bpmn:userTask id="write-up" />
    <bpmn:subProcess id="handle">
      <bpmn:startEvent id="handle-start" />
      <bpmn:userTask id="close" />
      <bpmn:endEvent id="handle-end" />
      <bpmn:sequenceFlow id="h1" sourceRef="handle-start" targetRef="close" />
      <bpmn:sequenceFlow id="h2" sourceRef="close" targetRef="handle-end" />
    </bpmn:subProcess>
    <bpmn:callActivity id="call-legacy" calledElement="legacy-case" />
    <bpmn:endEvent id="done" />
    <bpmn:sequenceFlow id="f0" sourceRef="opened" targetRef="route" />
    <bpmn:sequenceFlow id="f1" sourceRef="route" targetRef="triage">${when('desk')}</bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f2" sourceRef="route" targetRef="lookup">${when('crm')}</bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f3" sourceRef="route" targetRef="reply">${when('wait')}</bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f4" sourceRef="route" targetRef="fork">${when('both')}</bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f5" sourceRef="route" targetRef="handle">${when('inner')}</bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f8" sourceRef="route" targetRef="call-legacy">${when('call')}</bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="e7" sourceRef="call-legacy" targetRef="done" />
    <bpmn:sequenceFlow id="f6" sourceRef="fork" targetRef="call-back" />
    <bpmn:sequenceFlow id="f7" sourceRef="fork" targetRef="write-up" />
    <bpmn:sequenceFlow id="e1" sourceRef="triage" targetRef="done" />
    <bpmn:sequenceFlow id="e2" sourceRef="lookup" targetRef="done" />
    <bpmn:sequenceFlow id="e3" sourceRef="reply" targetRef="done" />
    <bpmn:sequenceFlow id="e4" sourceRef="call-back" targetRef="done" />
    <bpmn:sequenceFlow id="e5" sourceRef="write-up" targetRef="done" />
    <bpmn:sequenceFlow id="e6" sourceRef="handle" targetRef="done" />
  </bpmn:process>`,
  '<bpmn:message id="reply-message" name="customer-reply" tandem:correlationKey="=ticketId" />',
);

/** Deployed at the source only: the target refuses its cases. */
const ONLY_AT_SOURCE = xml(`<bpmn:process id="legacy-case" isExecutable="true">
    <bpmn:startEvent id="s" /><bpmn:userTask id="legacy-task" /><bpmn:endEvent id="e" />
    <bpmn:sequenceFlow id="l1" sourceRef="s" targetRef="legacy-task" /><bpmn:sequenceFlow id="l2" sourceRef="legacy-task" targetRef="e" />
  </bpmn:process>`);

/**
 * scripts/migrate-from-camunda-7.ts run from one Tandem engine (standing in for Camunda 7: its
 * /engine-rest serves the same list, activity instances and variables) to another.
 */
describe('moving running instances from a Camunda 7 engine (the migration script)', () => {
  let source: TestApp;
  let target: TestApp;
  let options: MigrationOptions;
  const started = new Map<string, string>();

  const urlOf = async (app: TestApp) => {
    await new Promise<void>((resolve) => app.anonymousServer.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(app.anonymousServer.address() as AddressInfo).port}`;
  };

  beforeAll(async () => {
    [source, target] = await Promise.all([createTestApp(), createTestApp()]);
    await deploy(source.server, ONLY_AT_SOURCE);
    await deploy(source.server, SUPPORT_CASE);
    await deploy(target.server, SUPPORT_CASE);
    for (const route of ['desk', 'crm', 'wait', 'both', 'inner', 'call']) {
      const body = { businessKey: `case-${route}`, variables: { route, ticketId: `T-${route}`, customer: { name: 'Ana', tier: 'gold' }, amount: 12.5 } };
      started.set(route, (await request(source.server).post('/api/processes/support-case/instances').send(body).expect(201)).body.id as string);
    }
    started.set('legacy', (await request(source.server).post('/api/processes/legacy-case/instances').send({}).expect(201)).body.id as string);
    const ended = (
      await request(source.server)
        .post('/api/processes/support-case/instances')
        .send({ variables: { route: 'desk' } })
        .expect(201)
    ).body.id as string;
    await request(source.server).post(`/api/instances/${ended}/cancel`).send({ reason: 'test' }).expect(200);
    options = {
      from: `${await urlOf(source)}/engine-rest`,
      fromUser: TEST_ADMIN.username,
      fromPassword: TEST_ADMIN.password,
      to: await urlOf(target),
      toToken: target.adminToken,
      dryRun: false,
    };
  });

  afterAll(async () => {
    await Promise.all([source?.close(), target?.close()]);
  });

  const targetCases = async () => Number((await request(target.server).get('/api/instances').query({ processKey: 'support-case' }).expect(200)).headers['x-total-count']);

  it('a dry run reads and decides every running instance and starts nothing', async () => {
    // when
    const report = await migrateFromCamunda7({ ...options, dryRun: true });

    // then
    // (the called instance of the 'call' case is an instance of its own, at legacy-task)
    expect(report.moved.map(({ activityId }) => activityId).sort()).toEqual(['legacy-task', 'legacy-task', 'lookup', 'reply', 'triage']);
    expect(report.skipped).toHaveLength(3);
    expect(await targetCases()).toBe(0);
  });

  it('recreates each instance waiting at one process-level activity before it, with its variables and business key, and lists the rest with the reason', async () => {
    // when
    const report = await migrateFromCamunda7(options);

    // then the three movable support cases run in the target where they waited
    const moved = new Map(report.moved.map((entry) => [entry.camundaId, entry]));
    expect([...moved.keys()].sort()).toEqual([started.get('desk'), started.get('crm'), started.get('wait')].sort());
    const desk = (
      await request(target.server)
        .get(`/api/instances/${moved.get(started.get('desk')!)!.tandemId}`)
        .expect(200)
    ).body;
    expect(desk).toMatchObject({
      processKey: 'support-case',
      businessKey: 'case-desk',
      activeElementIds: ['triage'],
      variables: { route: 'desk', ticketId: 'T-desk', customer: { name: 'Ana', tier: 'gold' }, amount: 12.5 },
    });
    const steps = (await request(target.server).get(`/api/instances/${desk.id}/steps`).expect(200)).body as Array<{ elementId: string; movedIn: string | null }>;
    expect(steps).toEqual([expect.objectContaining({ elementId: 'triage', movedIn: 'startBefore' })]);
    const waiting = (
      await request(target.server)
        .get(`/api/instances/${moved.get(started.get('wait')!)!.tandemId}`)
        .expect(200)
    ).body;
    expect(waiting.activeElementIds).toEqual(['reply']);
    // and the cases waiting at two tasks or inside a sub-process are skipped with the reason
    expect(report.skipped).toEqual(
      expect.arrayContaining([
        { camundaId: started.get('both'), processKey: 'support-case', reason: expect.stringContaining('waits at several activities (') },
        { camundaId: started.get('inner'), processKey: 'support-case', reason: "waits inside subProcess 'handle': Tandem starts a moved case at a process-level activity" },
        { camundaId: started.get('call'), processKey: 'support-case', reason: expect.stringContaining("waits at call activity 'call-legacy'") },
      ]),
    );
    // and the process the target has not deployed is a failure with the target's answer
    expect(report.failed).toContainEqual({ camundaId: started.get('legacy'), processKey: 'legacy-case', reason: expect.stringContaining('404') });
    expect(report.failed.map(({ processKey }) => processKey)).toEqual(['legacy-case', 'legacy-case']);
    expect(await targetCases()).toBe(3);
  });

  it("run again (logging in with an admin's password this time), starts no second case for an instance it already moved (the Camunda id is the Idempotency-Key)", async () => {
    // when
    const { toToken: _token, ...withoutToken } = options;
    const report = await migrateFromCamunda7({ ...withoutToken, toUser: TEST_ADMIN.username, toPassword: TEST_ADMIN.password });

    // then
    expect(report.moved).toHaveLength(3);
    expect(await targetCases()).toBe(3);
  });

  it('reads its options from flags or the environment, and refuses a run that could not start cases', () => {
    expect(
      migrationOptionsOf(
        ['--from', 'http://c/engine-rest', '--user', 'demo', '--password', 'pw', '--to', 'http://t', '--to-user', 'admin', '--to-password', 'secret', '--dry-run'],
        {},
      ),
    ).toEqual({
      from: 'http://c/engine-rest',
      fromUser: 'demo',
      fromPassword: 'pw',
      to: 'http://t',
      toUser: 'admin',
      toPassword: 'secret',
      dryRun: true,
    });
    expect(migrationOptionsOf([], { CAMUNDA_URL: 'http://c', TANDEM_URL: 'http://t', TANDEM_TOKEN: 'tok' })).toEqual({
      from: 'http://c',
      to: 'http://t',
      toToken: 'tok',
      dryRun: false,
    });
    expect(() => migrationOptionsOf(['--from', 'http://c', '--to', 'http://t'], {})).toThrow('--token, or --to-user and --to-password, of a Tandem admin are required');
    expect(() => migrationOptionsOf(['--to', 'http://t', '--token', 't'], {})).toThrow('--from and --to are required');
    expect(() => migrationOptionsOf(['--form', 'http://c'], {})).toThrow('--form: unknown flag or missing value');
  });
});
