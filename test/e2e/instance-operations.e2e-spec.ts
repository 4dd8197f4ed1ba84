import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request, { type Agent } from 'supertest';
import { DataSource } from 'typeorm';
import { JobRunner } from '../../apps/engine/src/jobs/job-runner.service.js';
import { HOUR, MINUTE } from './support/test-clock.js';
import { createTestApp, deploy, eventually, fixture, TEST_ADMIN, type TestApp } from './support/test-app.js';

interface InstanceBody {
  id: string;
  processVersionId: string;
  version: number;
  status: string;
  revision: number;
  activeElementIds: string[];
  activities: Array<{ id: string; elementId: string; state: string; assignee?: string; claimedAt?: string }>;
  timers: Array<{ id: string; elementId: string; dueAt: string }>;
  variables: Record<string, unknown>;
}

interface TaskBody {
  id: string;
  elementId: string;
  name: string | null;
  status: string;
  assignee: string | null;
  createdAt: string;
  claimedAt: string | null;
  canceledAt: string | null;
}

interface AuditBody {
  operation: string;
  actor: string | null;
  reason: string | null;
  details: Record<string, unknown>;
  at: string;
}

/**
 * Operator commands on running cases over HTTP, on real PostgreSQL: cancel, suspend and resume,
 * set variables, and migration between versions (ticket-v1.bpmn -> ticket-v2.bpmn). Each test
 * deploys the ticket under a process key of its own, so its cases and worker topic are its own.
 */
describe('instance operations over HTTP', () => {
  let sut: TestApp;
  /** Signed-in users by name: the agent anna, the operators olga and pete, the team lead. */
  const users: Record<string, Agent> = {};

  beforeAll(async () => {
    sut = await createTestApp();
    for (const name of ['anna', 'olga', 'pete', 'lead']) users[name] = await sut.signIn(name);
  });

  afterAll(async () => {
    await sut?.close();
  });

  const http = () => request(sut.server);

  /** Version 1 or 2 of the ticket, as process `key` with worker topic `key-lookup`. */
  const deployTicket = async (key: string, version: 1 | 2) => {
    const xml = (await fixture(`ticket-v${version}.bpmn`)).replace('process id="ticket"', `process id="${key}"`).replace('ops-lookup', `${key}-lookup`);
    return deploy(sut.server, xml);
  };
  const start = async (key: string, variables: Record<string, unknown> = {}) =>
    (await http().post(`/api/processes/${key}/instances`).send({ variables }).expect(201)).body as InstanceBody;
  const instance = async (id: string) => (await http().get(`/api/instances/${id}`).expect(200)).body as InstanceBody;
  const tasks = async (instanceId: string) => (await http().get('/api/tasks').query({ instanceId })).body as TaskBody[];
  const task = async (instanceId: string, elementId: string) => (await tasks(instanceId)).find((candidate) => candidate.elementId === elementId) as TaskBody;
  const audit = async (id: string) => (await http().get(`/api/instances/${id}/audit`).expect(200)).body as AuditBody[];
  const steps = async (id: string) => (await http().get(`/api/instances/${id}/steps`).expect(200)).body as Array<Record<string, string | null> & { elementId: string }>;
  const jobCount = async (instanceId: string) => Number((await sut.app.get(DataSource).query(`SELECT count(*) FROM job WHERE instance_id = $1`, [instanceId]))[0].count);
  const claim = (taskId: string, user: string) => users[user].post(`/api/tasks/${taskId}/claim`);
  const completeTask = (taskId: string, user: string) => users[user].post(`/api/tasks/${taskId}/complete`);
  const fetchLookup = async (key: string, instanceId: string) => {
    const fetched = await http()
      .post('/api/external-tasks/fetch-and-lock')
      .send({ workerId: 'worker-1', maxTasks: 10, topics: [{ name: `${key}-lookup`, lockDurationMs: 24 * HOUR }] })
      .expect(200);
    return (fetched.body as Array<{ id: string; instanceId: string }>).find((candidate) => candidate.instanceId === instanceId) as { id: string };
  };
  const completeLookup = (externalTaskId: string) => http().post(`/api/external-tasks/${externalTaskId}/complete`).send({ workerId: 'worker-1' });
  const waitFor = (id: string, check: (body: InstanceBody) => boolean) => eventually(() => instance(id), check);

  /** A case of `key` past its parallel part: triaged, looked up and cooled off, waiting to be re-keyed (version 1). */
  const atRekey = async (key: string) => {
    const started = await start(key);
    await completeTask((await task(started.id, 'triage')).id, 'anna').expect(200);
    await completeLookup((await fetchLookup(key, started.id)).id).expect(200);
    sut.clock.advance(HOUR);
    await waitFor(started.id, (body) => body.activeElementIds.includes('rekey'));
    return instance(started.id);
  };

  describe('cancel', () => {
    it('closes the tasks, external tasks and timers, records each cancelation in the ledger and who canceled in the trail', async () => {
      // given a case with its triage claimed, its lookup and cool-off waiting
      await deployTicket('ticket-cancel', 1);
      const started = await start('ticket-cancel');
      await claim((await task(started.id, 'triage')).id, 'anna').expect(200);
      expect(await jobCount(started.id)).toBe(2);

      // when an operator cancels it
      const canceled = await users.olga.post(`/api/instances/${started.id}/cancel`).send({ reason: 'customer withdrew' });

      // then it has ended with nothing left waiting
      expect(canceled.status).toBe(200);
      expect(canceled.body).toEqual(expect.objectContaining({ status: 'canceled', activeElementIds: [], timers: [], endedAt: sut.clock.now().toISOString() }));
      expect(await task(started.id, 'triage')).toEqual(expect.objectContaining({ status: 'canceled', canceledAt: sut.clock.now().toISOString() }));
      const externalTasks = await sut.app.get(DataSource).query(`SELECT status FROM external_task WHERE instance_id = $1`, [started.id]);
      expect(externalTasks).toEqual([{ status: 'canceled' }]);
      expect(await jobCount(started.id)).toBe(0);
      // and the ledger shows every waiting step canceled, the trail who did it and why
      const ledger = await steps(started.id);
      expect(
        ledger
          .filter((step) => step.canceledAt !== null)
          .map((step) => step.elementId)
          .sort(),
      ).toEqual(['cool-off', 'lookup', 'triage']);
      expect(await audit(started.id)).toEqual([
        { id: expect.any(String), operation: 'cancel', actor: 'olga', reason: 'customer withdrew', details: {}, at: sut.clock.now().toISOString() },
      ]);
      // and an ended case takes no further operation
      for (const [method, path, body] of [
        ['post', 'cancel', {}],
        ['post', 'suspend', {}],
        ['post', 'resume', {}],
        ['patch', 'variables', { variables: { a: 1 } }],
      ] as const) {
        const refused = await http()[method](`/api/instances/${started.id}/${path}`).send(body);
        expect({ path, status: refused.status, code: refused.body.code }).toEqual({ path, status: 409, code: 'INSTANCE_NOT_ACTIVE' });
      }
    });
  });

  describe('suspend and resume', () => {
    it('refuses task and external-task completion while suspended, holds the timers, and lets everything go on after resume', async () => {
      // given a case whose triage is claimed and whose lookup a worker holds
      await deployTicket('ticket-suspend', 1);
      const started = await start('ticket-suspend');
      const triage = await task(started.id, 'triage');
      await claim(triage.id, 'anna').expect(200);
      const lookup = await fetchLookup('ticket-suspend', started.id);

      // when an operator suspends it
      const suspended = await users.olga.post(`/api/instances/${started.id}/suspend`).send({ reason: 'fraud check' });
      expect(suspended.status).toBe(200);
      expect(suspended.body.status).toBe('suspended');

      // then completing its task or its external task is refused, and suspending again too
      const refusedTask = await completeTask(triage.id, 'anna');
      expect([refusedTask.status, refusedTask.body.code]).toEqual([409, 'INSTANCE_SUSPENDED']);
      const refusedLookup = await completeLookup(lookup.id);
      expect([refusedLookup.status, refusedLookup.body.code]).toEqual([409, 'INSTANCE_SUSPENDED']);
      const again = await http().post(`/api/instances/${started.id}/suspend`).send({});
      expect([again.status, again.body.code]).toEqual([409, 'INSTANCE_SUSPENDED']);
      // and its cool-off, due meanwhile, does not fire: it has no job while suspended
      expect(await jobCount(started.id)).toBe(0);
      sut.clock.advance(2 * HOUR);
      await sut.app.get(JobRunner).runDueJobs();
      expect((await instance(started.id)).activeElementIds).toContain('cool-off');

      // when it is resumed
      const resumed = await users.olga.post(`/api/instances/${started.id}/resume`).send({ reason: 'check passed' });
      expect([resumed.status, resumed.body.status]).toEqual([200, 'active']);

      // then the cool-off fires, and the task and the lookup complete
      await waitFor(started.id, (body) => !body.activeElementIds.includes('cool-off'));
      await completeTask(triage.id, 'anna').expect(200);
      const afterLookup = await completeLookup(lookup.id).expect(200);
      expect(afterLookup.body.activeElementIds).toEqual(['rekey']);
      // and the trail holds both operations; resuming an active case is refused
      expect((await audit(started.id)).map(({ operation, actor, reason }) => ({ operation, actor, reason }))).toEqual([
        { operation: 'suspend', actor: 'olga', reason: 'fraud check' },
        { operation: 'resume', actor: 'olga', reason: 'check passed' },
      ]);
      const notSuspended = await http().post(`/api/instances/${started.id}/resume`).send({});
      expect([notSuspended.status, notSuspended.body.code]).toEqual([409, 'INSTANCE_NOT_SUSPENDED']);
    });
  });

  describe('set variables', () => {
    it('merges variables by PATCH or PUT, on the instance or one activity, and audits each change', async () => {
      // given a case with an amount and a tier
      await deployTicket('ticket-variables', 1);
      const started = await start('ticket-variables', { amount: 100, tier: 'gold' });

      // when an operator corrects the amount, then adds a note
      const patched = await users.olga.patch(`/api/instances/${started.id}/variables`).send({ variables: { amount: 250, tier: 'gold' }, reason: 'customer called' });
      // (a userId in the body is still accepted, and ignored: the trail records who signed in)
      const put = await users.pete.put(`/api/instances/${started.id}/variables`).send({ variables: { note: 'vip' }, userId: 'olga' });

      // then both merge into the instance's variables
      expect(patched.status).toBe(200);
      expect(patched.body.variables).toEqual({ amount: 250, tier: 'gold' });
      expect(put.status).toBe(200);
      expect(put.body.variables).toEqual({ amount: 250, tier: 'gold', note: 'vip' });

      // when a draft is set on the triage task alone
      const triage = await task(started.id, 'triage');
      const local = await http()
        .patch(`/api/instances/${started.id}/variables`)
        .send({ variables: { draft: 'refund?' }, activityInstanceId: triage.id });
      expect(local.body.variables).toEqual({ amount: 250, tier: 'gold', note: 'vip' });

      // then the trail names what changed, by whom and why
      expect((await audit(started.id)).map(({ operation, actor, reason, details }) => ({ operation, actor, reason, details }))).toEqual([
        { operation: 'setVariables', actor: 'olga', reason: 'customer called', details: { names: ['amount'] } },
        { operation: 'setVariables', actor: 'pete', reason: null, details: { names: ['note'] } },
        { operation: 'setVariables', actor: TEST_ADMIN.username, reason: null, details: { names: ['draft'], activityInstanceId: triage.id } },
      ]);
    });

    it('answers 400 for a body without variables, with a field it does not know, or an activity that is no uuid, and changes nothing', async () => {
      // given a case
      await deployTicket('ticket-variables-bad', 1);
      const started = await start('ticket-variables-bad', { amount: 100 });

      // when the body is malformed in each way
      for (const body of [{}, { variables: 'amount=5' }, { variables: { amount: 5 }, user: 'olga' }, { variables: { amount: 5 }, activityInstanceId: 'triage' }]) {
        const refused = await http().patch(`/api/instances/${started.id}/variables`).send(body);
        // then it is refused, naming the field
        expect([refused.status, refused.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      // and nothing changed
      expect((await instance(started.id)).variables).toEqual({ amount: 100 });
      expect(await audit(started.id)).toEqual([]);
    });
  });

  describe('migrate', () => {
    it('moves a waiting case from v1 to v2: tasks keep ids and claims, timers their due times, v2 adds its nudge, and the case goes on on v2', async () => {
      // given a case on v1 whose triage anna claimed ten minutes in
      const v1 = await deployTicket('ticket-migrate', 1);
      const started = await start('ticket-migrate');
      const triage = await task(started.id, 'triage');
      sut.clock.advance(10 * MINUTE);
      await claim(triage.id, 'anna').expect(200);
      const before = await instance(started.id);
      const v2 = await deployTicket('ticket-migrate', 2);

      // when it is migrated to v2
      sut.clock.advance(5 * MINUTE);
      const migrated = await users.lead.post(`/api/instances/${started.id}/migrate`).send({ targetProcessVersionId: v2.id, reason: 'promote v2' });

      // then it runs on v2 with the same activity instances, its timers as they were plus the v2 nudge
      expect(migrated.status).toBe(200);
      const body = migrated.body as InstanceBody;
      expect(body).toEqual(expect.objectContaining({ processVersionId: v2.id, version: 2, status: 'active', revision: before.revision + 1 }));
      const named = (of: InstanceBody) => of.activities.map(({ id, elementId, state, assignee, claimedAt }) => ({ id, elementId, state, assignee, claimedAt }));
      expect(named(body)).toEqual(named(before));
      const timer = (of: InstanceBody, elementId: string) => of.timers.find((candidate) => candidate.elementId === elementId);
      expect(timer(body, 'triage-sla')).toEqual(timer(before, 'triage-sla'));
      expect(timer(body, 'cool-off')).toEqual(timer(before, 'cool-off'));
      expect(timer(body, 'triage-nudge')?.dueAt).toBe(new Date(sut.clock.now().getTime() + 2 * HOUR).toISOString());
      // and the task is the same task, still anna's, under its v2 name
      const claimedAt = before.activities.find((activity) => activity.id === triage.id)?.claimedAt;
      expect(await task(started.id, 'triage')).toEqual({
        ...triage,
        name: 'Triage and classify the ticket',
        assignee: 'anna',
        claimedAt,
        state: 'claimed',
        processVersionId: v2.id,
      });
      // and the ledger is continuous: one row for the triage, claimed and migrated
      const row = (await steps(started.id)).find((step) => step.activityInstanceId === triage.id);
      expect(row).toEqual(expect.objectContaining({ elementId: 'triage', name: 'Triage and classify the ticket', actor: 'anna', migratedAt: sut.clock.now().toISOString() }));
      expect(row?.claimedAt).toBe(claimedAt);
      expect(await audit(started.id)).toEqual([
        {
          id: expect.any(String),
          operation: 'migrate',
          actor: 'lead',
          reason: 'promote v2',
          details: {
            fromProcessVersionId: v1.id,
            toProcessVersionId: v2.id,
            elementIds: { triage: 'triage', lookup: 'lookup', 'cool-off': 'cool-off', 'triage-sla': 'triage-sla' },
          },
          at: sut.clock.now().toISOString(),
        },
      ]);

      // when its work is done
      await completeTask(triage.id, 'anna').expect(200);
      await completeLookup((await fetchLookup('ticket-migrate', started.id)).id).expect(200);
      sut.clock.advance(HOUR);

      // then it goes on by v2's flows: the ticket is closed by hand, not re-keyed
      const after = await waitFor(started.id, (current) => current.activeElementIds.includes('close-ticket'));
      expect(after.activeElementIds).toEqual(['close-ticket']);
    });

    it('refuses a case whose active element v2 lacks with a 422 naming it, changes nothing, and moves it once a mapping says where', async () => {
      // given a case on v1 waiting to be re-keyed, which v2 no longer does
      await deployTicket('ticket-unmapped', 1);
      const waiting = await atRekey('ticket-unmapped');
      const rekey = await task(waiting.id, 'rekey');
      const v2 = await deployTicket('ticket-unmapped', 2);

      // when it is migrated to v2
      const refused = await users.lead.post(`/api/instances/${waiting.id}/migrate`).send({ targetProcessVersionId: v2.id });

      // then it is refused, naming the re-keying step
      expect(refused.status).toBe(422);
      expect(refused.body).toEqual(
        expect.objectContaining({
          code: 'MIGRATION_ELEMENT_UNMAPPED',
          message: expect.stringContaining("'rekey'"),
          details: {
            instanceId: waiting.id,
            problems: [
              {
                elementId: 'rekey',
                activityInstanceId: rekey.id,
                rule: 'element-unmapped',
                message: "Active userTask 'rekey' has no element 'rekey' in the target version; map it to a userTask there.",
              },
            ],
          },
        }),
      );
      // and nothing changed
      expect(await instance(waiting.id)).toEqual(waiting);
      expect(await task(waiting.id, 'rekey')).toEqual(rekey);
      expect(await audit(waiting.id)).toEqual([]);

      // when the re-keying is mapped to closing the ticket, then it moves, its task row with it
      const moved = await http()
        .post(`/api/instances/${waiting.id}/migrate`)
        .send({ targetProcessVersionId: v2.id, mapping: { rekey: 'close-ticket' } });
      expect([moved.status, moved.body.activeElementIds]).toEqual([200, ['close-ticket']]);
      expect(await task(waiting.id, 'close-ticket')).toEqual(expect.objectContaining({ id: rekey.id, name: 'Close the ticket', status: 'open' }));
    });

    it('migrates the running cases of a version in one batch, answering per case', async () => {
      // given on v1: a case in its parallel part, one started a minute later and waiting to be re-keyed, and one canceled
      const v1 = await deployTicket('ticket-batch', 1);
      const early = await start('ticket-batch');
      sut.clock.advance(MINUTE);
      const late = await atRekey('ticket-batch');
      const canceled = await start('ticket-batch');
      await http().post(`/api/instances/${canceled.id}/cancel`).send({}).expect(200);
      const v2 = await deployTicket('ticket-batch', 2);

      // when a dry run is asked for first, it tells the same story and moves nothing
      const dryRun = await users.lead.post(`/api/process-versions/${v1.id}/migrate-instances`).send({ targetProcessVersionId: v2.id, dryRun: true });
      expect(dryRun.status).toBe(200);
      expect(dryRun.body).toMatchObject({ dryRun: true, migrated: 1, failed: 1 });
      expect(dryRun.body.results.map((result: { status: string }) => result.status)).toEqual(['wouldMigrate', 'failed']);
      expect((await http().get(`/api/instances/${early.id}`).expect(200)).body.processVersionId).toBe(v1.id);

      // when every running case of v1 is migrated to v2
      const batch = await users.lead.post(`/api/process-versions/${v1.id}/migrate-instances`).send({ targetProcessVersionId: v2.id });

      // then the early case moved, the late one did not (its step is gone in v2), the canceled one was left alone
      expect(batch.status).toBe(200);
      expect(batch.body).toEqual({
        sourceProcessVersionId: v1.id,
        targetProcessVersionId: v2.id,
        dryRun: false,
        migrated: 1,
        failed: 1,
        results: [
          { instanceId: early.id, status: 'migrated', revision: expect.any(Number) },
          {
            instanceId: late.id,
            status: 'failed',
            error: expect.objectContaining({
              code: 'MIGRATION_ELEMENT_UNMAPPED',
              details: expect.objectContaining({ problems: [expect.objectContaining({ elementId: 'rekey', rule: 'element-unmapped' })] }),
            }),
          },
        ],
      });
      expect((await instance(early.id)).version).toBe(2);
      expect((await instance(late.id)).version).toBe(1);

      // when the late case is named with a mapping, and the early one again
      const retried = await http()
        .post(`/api/process-versions/${v1.id}/migrate-instances`)
        .send({ targetProcessVersionId: v2.id, mapping: { rekey: 'close-ticket' }, instanceIds: [late.id, early.id] });

      // then the late case moves, and the early one is reported as no longer on v1
      expect(retried.body.results).toEqual([
        { instanceId: late.id, status: 'migrated', revision: late.revision + 1 },
        { instanceId: early.id, status: 'failed', error: expect.objectContaining({ code: 'INSTANCE_NOT_ON_VERSION' }) },
      ]);
    });

    it('refuses a mapping naming elements neither version has, or a target of another process, with a 422 before touching any case', async () => {
      // given a case of the ticket and a version of another process
      const v1 = await deployTicket('ticket-mapping', 1);
      const started = await start('ticket-mapping');
      const v2 = await deployTicket('ticket-mapping', 2);
      const other = await deployTicket('ticket-other', 1);

      // when the mapping names an unknown element, or the target is the other process
      const unknown = await http()
        .post(`/api/instances/${started.id}/migrate`)
        .send({ targetProcessVersionId: v2.id, mapping: { triage: 'triage-2' } });
      const batch = await http()
        .post(`/api/process-versions/${v1.id}/migrate-instances`)
        .send({ targetProcessVersionId: v2.id, mapping: { typo: 'triage' } });
      const otherProcess = await http().post(`/api/instances/${started.id}/migrate`).send({ targetProcessVersionId: other.id });

      // then each is a 422 naming the element (or process) at fault
      expect([unknown.status, unknown.body.code, unknown.body.details.problems[0]]).toEqual([
        422,
        'MIGRATION_MAPPING_INVALID',
        expect.objectContaining({ elementId: 'triage', targetElementId: 'triage-2', rule: 'mapping-target-unknown' }),
      ]);
      expect([batch.status, batch.body.code, batch.body.details.problems[0]]).toEqual([
        422,
        'MIGRATION_MAPPING_INVALID',
        expect.objectContaining({ elementId: 'typo', rule: 'mapping-source-unknown' }),
      ]);
      expect([otherProcess.status, otherProcess.body.details.problems[0].rule]).toEqual([422, 'process-version']);
      expect((await instance(started.id)).version).toBe(1);
    });
  });

  describe('bad requests', () => {
    it('answers 404 for an unknown instance or version and 400 for a malformed id or body', async () => {
      // given ids nobody has
      const nobody = randomUUID();
      const v1 = await deployTicket('ticket-errors', 1);
      const started = await start('ticket-errors');

      // when operations name an unknown instance, then each is a 404
      for (const [method, path, body] of [
        ['post', 'cancel', {}],
        ['post', 'suspend', {}],
        ['post', 'resume', {}],
        ['put', 'variables', { variables: { a: 1 } }],
        ['patch', 'variables', { variables: { a: 1 } }],
        ['get', 'audit', undefined],
        ['post', 'migrate', { targetProcessVersionId: v1.id }],
      ] as const) {
        const response = await http()[method](`/api/instances/${nobody}/${path}`).send(body);
        expect({ path, status: response.status, code: response.body.code }).toEqual({ path, status: 404, code: 'INSTANCE_NOT_FOUND' });
      }
      // and an unknown version is a 404 too
      const unknownTarget = await http().post(`/api/instances/${started.id}/migrate`).send({ targetProcessVersionId: nobody });
      expect([unknownTarget.status, unknownTarget.body.code]).toEqual([404, 'PROCESS_VERSION_NOT_FOUND']);
      const unknownSource = await http().post(`/api/process-versions/${nobody}/migrate-instances`).send({ targetProcessVersionId: v1.id });
      expect([unknownSource.status, unknownSource.body.code]).toEqual([404, 'PROCESS_VERSION_NOT_FOUND']);

      // when the id or the body is malformed, then each is a 400
      const badId = await http().post('/api/instances/not-a-uuid/cancel').send({});
      expect(badId.status).toBe(400);
      for (const body of [
        {},
        { targetProcessVersionId: 'v2' },
        { targetProcessVersionId: v1.id, mapping: { triage: 7 } },
        { targetProcessVersionId: v1.id, mapping: ['triage'] },
      ]) {
        const refused = await http().post(`/api/instances/${started.id}/migrate`).send(body);
        expect([refused.status, refused.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      const badBatch = await http()
        .post(`/api/process-versions/${v1.id}/migrate-instances`)
        .send({ targetProcessVersionId: v1.id, instanceIds: ['x'] });
      expect([badBatch.status, badBatch.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      const longReason = await http()
        .post(`/api/instances/${started.id}/suspend`)
        .send({ reason: 'x'.repeat(2001) });
      expect([longReason.status, longReason.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      // and the case is as it was
      expect((await instance(started.id)).status).toBe('active');
    });
  });
});
