import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { inlineBpmn } from '../../libs/bpmn/src/testing/inline-bpmn.js';
import { HistoryMaintenance } from '../../apps/engine/src/history/history-maintenance.service.js';
import { HOUR } from './support/test-clock.js';
import { createTestApp, deploy, eventually, fixture, type TestApp } from './support/test-app.js';

/** A case waits in a user task, so it stays running. */
const waitingProcess = (key: string, attributes = '') =>
  inlineBpmn(
    `<bpmn:startEvent id="start" />
     <bpmn:userTask id="handle" name="Handle the case" />
     <bpmn:endEvent id="end" />
     <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="handle" />
     <bpmn:sequenceFlow id="f2" sourceRef="handle" targetRef="end" />`,
    `id="${key}" isExecutable="true" ${attributes}`,
  );

/** A case ends as soon as it starts. */
const instantProcess = (key: string, attributes = '') =>
  inlineBpmn(
    `<bpmn:startEvent id="start" />
     <bpmn:endEvent id="end" />
     <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />`,
    `id="${key}" isExecutable="true" ${attributes}`,
  );

const UNIQUE = 'tandem:uniqueBusinessKey="true"';

describe('Idempotency-Key', () => {
  let sut: TestApp;
  let keyCount = 0;
  const newKey = () => `key-${++keyCount}-${Date.now()}`;
  const start = (key: string, body: Record<string, unknown>, idempotencyKey?: string) => {
    const pending = request(sut.server).post(`/api/processes/${key}/instances`);
    return idempotencyKey === undefined ? pending.send(body) : pending.set('Idempotency-Key', idempotencyKey).send(body);
  };
  const casesWith = async (businessKey: string): Promise<string[]> => {
    const response = await request(sut.server).get('/api/instances').query({ businessKey, limit: 100 });
    return (response.body as Array<{ id: string }>).map(({ id }) => id);
  };
  /** A connection of the test's own, outside the engine's pool. */
  const connect = async (): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString: sut.database.url });
    await client.connect();
    return client;
  };

  beforeAll(async () => {
    sut = await createTestApp();
    await deploy(sut.server, waitingProcess('claims'));
    await deploy(sut.server, await fixture('message-start.bpmn'));
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('replays the first answer of a start for the same key and body, and starts no second case', async () => {
    // given a start sent with a key
    const key = newKey();
    const first = await start('claims', { businessKey: 'replayed', variables: { amount: 12 } }, key);
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // when it is sent again with the same key (its variables in another order of keys changes nothing)
    const again = await start('claims', { variables: { amount: 12 }, businessKey: 'replayed' }, key);
    // then the first answer comes back, marked as a replay, and there is one case
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await casesWith('replayed')).toEqual([first.body.id]);
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED naming the key for another body or another endpoint with a used key', async () => {
    // given a key used for a start
    const key = newKey();
    expect((await start('claims', { businessKey: 'reused' }, key)).status).toBe(201);
    // when the same key comes with another body, and with another endpoint
    const otherBody = await start('claims', { businessKey: 'reused-2' }, key);
    const otherEndpoint = await request(sut.server).post('/api/groups').set('Idempotency-Key', key).send({ id: 'reusers', name: 'Reusers' });
    // then both are refused, naming the key, and neither did anything
    for (const response of [otherBody, otherEndpoint]) {
      expect([response.status, response.body.code, response.body.details]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED', { key }]);
      expect(response.body.message).toContain(key);
    }
    expect(await casesWith('reused-2')).toEqual([]);
    expect((await request(sut.server).get('/api/groups/reusers')).status).toBe(404);
  });

  it('keeps the keys of different callers apart: each may use the same key', async () => {
    // given two callers
    const ana = await sut.signIn('ana-idem', { roles: ['agent'] });
    const bo = await sut.signIn('bo-idem', { roles: ['agent'] });
    // when both start a case with the same key
    const answers = await Promise.all(
      [ana, bo].map((client) => client.post('/api/processes/claims/instances').set('Idempotency-Key', 'shared-key').send({ businessKey: 'two-callers' })),
    );
    // then each started their own case
    expect(answers.map(({ status }) => status)).toEqual([201, 201]);
    expect((await casesWith('two-callers')).sort()).toEqual(answers.map(({ body }) => body.id as string).sort());
  });

  /** The two ways a client starts a case: by process key, and by a message a start event waits for. */
  const startPaths = [
    {
      path: 'POST /api/processes/{key}/instances',
      send: (key: string) => start('claims', { businessKey: `timed-out-${key}`, variables: { attempt: 'the same' } }, key),
      cases: async (key: string) => casesWith(`timed-out-${key}`),
      idOf: (body: { id?: string }) => body.id,
    },
    {
      path: 'POST /api/messages (message start event)',
      send: (key: string) =>
        request(sut.server)
          .post('/api/messages')
          .set('Idempotency-Key', key)
          .send({ name: 'web-inquiry', variables: { from: key } }),
      cases: async (key: string) => {
        const response = await request(sut.server).get('/api/instances').query({ processKey: 'web-inquiry', limit: 100 });
        const ids = (response.body as Array<{ id: string }>).map(({ id }) => id);
        const owned = await Promise.all(ids.map(async (id) => ((await request(sut.server).get(`/api/instances/${id}`)).body.variables?.from === key ? [id] : [])));
        return owned.flat();
      },
      idOf: (body: { instanceId?: string }) => body.instanceId,
    },
  ];

  it.each(startPaths)(
    'client times out, retries, exactly one case ($path): 409 IDEMPOTENCY_KEY_IN_PROGRESS while the first start is blocked, its answer once it committed',
    async ({ send, cases, idOf }) => {
      // given the table of cases locked by another connection, so a start's commit waits inside the database
      const locker = await connect();
      const observer = await connect();
      const key = newKey();
      try {
        await locker.query('BEGIN');
        await locker.query('LOCK TABLE instance IN SHARE MODE');
        // when a client starts a case with a key and gives up after 1 s, while the commit waits for the lock
        const abandoned = send(key)
          .timeout(1_000)
          .then(
            () => 'answered',
            (error: { timeout?: number }) => (error.timeout === undefined ? 'failed' : 'timed out'),
          );
        const waiting = await eventually(
          async () => (await observer.query(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = 'instance'::regclass`)).rows[0].n as number,
          (n) => n > 0,
        );
        expect(waiting).toBe(1);
        expect(await abandoned).toBe('timed out');
        // and retries with the same key while the first start still waits
        const retried = await send(key);
        // then the retry is told the first is still running, and when to come back
        expect([retried.status, retried.body.code, retried.body.details.key]).toEqual([409, 'IDEMPOTENCY_KEY_IN_PROGRESS', key]);
        expect(retried.headers['retry-after']).toBe('1');
      } finally {
        await locker.query('ROLLBACK');
        await locker.end();
        await observer.end();
      }
      // when the database lets the first start commit, and the client retries again
      const replayed = await eventually(
        () => send(key),
        (response) => response.status !== 409,
      );
      // then it gets the first start's answer, and exactly one case exists
      expect([replayed.status, replayed.headers['idempotent-replayed']]).toEqual([201, 'true']);
      expect(await cases(key)).toEqual([idOf(replayed.body)]);
    },
  );

  it('replays an experiment-routed start with its assignment, and stores one case on its arm', async () => {
    // given a running 50/50 experiment on a process key
    const baseline = await deploy(sut.server, waitingProcess('routed-claims'));
    const candidate = await deploy(sut.server, instantProcess('routed-claims'));
    const created = await request(sut.server)
      .post('/api/experiments')
      .send({
        processKey: 'routed-claims',
        seed: 20260105,
        arms: [
          { id: 'as-is', role: 'baseline', processVersionId: baseline.id, weight: 50 },
          { id: 'to-be', role: 'candidate', processVersionId: candidate.id, weight: 50 },
        ],
        primaryMetric: 'leadTime',
        secondaryMetrics: [],
        plan: { alpha: 0.05, power: 0.8, mde: 0.1, logSd: 0.6 },
      });
    expect(created.status).toBe(201);
    expect((await request(sut.server).post(`/api/experiments/${created.body.id}/start`).send({ reason: 'pilot' })).status).toBe(200);
    // when a case starts with a key, and the start is sent again with it
    const key = newKey();
    const first = await start('routed-claims', { businessKey: 'routed' }, key);
    const again = await start('routed-claims', { businessKey: 'routed' }, key);
    // then the replay is the first answer, assignment included, and the one case carries that assignment
    expect(first.body.assignment).toMatchObject({ experimentId: created.body.id });
    expect([again.status, again.headers['idempotent-replayed']]).toEqual([201, 'true']);
    expect(again.body).toEqual(first.body);
    expect(await casesWith('routed')).toEqual([first.body.id]);
    expect((await request(sut.server).get(`/api/instances/${first.body.id}`)).body.assignment).toMatchObject({ armId: first.body.assignment.armId });
  });

  it('replays a message start: the same key and message start one case', async () => {
    // given a message that started a case, sent with a key
    const key = newKey();
    const send = () => request(sut.server).post('/api/messages').set('Idempotency-Key', key).send({ name: 'web-inquiry', messageId: key });
    const first = await send();
    expect([first.status, first.body.outcome]).toEqual([201, 'started']);
    // when it is sent again with the key (its messageId alone would answer 409 MESSAGE_ID_TAKEN)
    const again = await send();
    // then the first answer comes back
    expect([again.status, again.headers['idempotent-replayed']]).toEqual([201, 'true']);
    expect(again.body).toEqual(first.body);
  });

  it('stores no 5xx answer: after a server error the same key runs the start', async () => {
    // given a start that fails with a server error (the table of cases is away)
    const admin = await connect();
    const key = newKey();
    try {
      await admin.query('ALTER TABLE instance RENAME TO instance_away');
      const failed = await start('claims', { businessKey: 'after-5xx' }, key);
      expect([failed.status, failed.body.code]).toEqual([500, 'INTERNAL_ERROR']);
    } finally {
      await admin.query('ALTER TABLE instance_away RENAME TO instance');
      await admin.end();
    }
    // when the client retries with the same key
    const retried = await start('claims', { businessKey: 'after-5xx' }, key);
    // then the start runs (no replay of the error) and one case exists
    expect(retried.status).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(await casesWith('after-5xx')).toEqual([retried.body.id]);
  });

  it('stores a 4xx answer: the same key answers the same 404 even after the process was deployed', async () => {
    // given a start of a process that is not deployed, with a key
    const key = newKey();
    const first = await start('later', { businessKey: 'too-early' }, key);
    expect([first.status, first.body.code]).toEqual([404, 'PROCESS_NOT_FOUND']);
    // when the process is deployed and the request is sent again with the key
    await deploy(sut.server, waitingProcess('later'));
    const again = await start('later', { businessKey: 'too-early' }, key);
    // then the first answer is replayed, and no case started
    expect([again.status, again.headers['idempotent-replayed']]).toEqual([404, 'true']);
    expect(again.body).toEqual(first.body);
    expect(await casesWith('too-early')).toEqual([]);
  });

  it('replays the answer of any other state-changing endpoint (a group created once)', async () => {
    // given a group created with a key
    const key = newKey();
    const first = await request(sut.server).post('/api/groups').set('Idempotency-Key', key).send({ id: 'keyed', name: 'Keyed' });
    expect(first.status).toBe(201);
    // when the request is sent again with the key
    const again = await request(sut.server).post('/api/groups').set('Idempotency-Key', key).send({ id: 'keyed', name: 'Keyed' });
    // then it is the first answer again (not 409 GROUP_ID_TAKEN)
    expect([again.status, again.headers['idempotent-replayed']]).toEqual([201, 'true']);
    expect(again.body).toEqual(first.body);
  });

  it.each([
    ['longer than 255 characters', 'k'.repeat(256)],
    ['with a space', 'two words'],
    ['with a non-ASCII character', 'clé'],
    ['empty in quotes', '""'],
  ])('answers 400 IDEMPOTENCY_KEY_INVALID naming the header for a key %s, starting nothing', async (_case, header) => {
    // when a start is sent with a bad key
    const response = await start('claims', { businessKey: 'bad-key' }, header);
    // then it is refused, naming the header
    expect([response.status, response.body.code, response.body.details]).toEqual([400, 'IDEMPOTENCY_KEY_INVALID', { header: 'Idempotency-Key' }]);
    expect(await casesWith('bad-key')).toEqual([]);
  });

  it('takes a quoted key (the IETF draft’s form) as the same key unquoted', async () => {
    // given a start with a quoted key
    const key = newKey();
    const first = await start('claims', { businessKey: 'quoted' }, `"${key}"`);
    // when the same key comes unquoted
    const again = await start('claims', { businessKey: 'quoted' }, key);
    // then it is a replay
    expect([first.status, again.status, again.headers['idempotent-replayed']]).toEqual([201, 201, 'true']);
  });

  it('ignores the header on log-in, which is no command on data', async () => {
    // when the same log-in is sent twice with one key
    const answers = [];
    for (let i = 0; i < 2; i++)
      answers.push(
        await request(sut.anonymousServer).post('/api/auth/login').set('Idempotency-Key', 'login-key').send({ username: 'test-admin', password: 'test-admin-password' }),
      );
    // then both are answered on their own
    expect(answers.map((response) => [response.status, response.headers['idempotent-replayed']])).toEqual([
      [200, undefined],
      [200, undefined],
    ]);
  });

  it('forgets a key after 24 hours: history maintenance purges it, and the key may start a new request', async () => {
    // given a key used for a start
    const key = newKey();
    expect((await start('claims', { businessKey: 'expiring' }, key)).status).toBe(201);
    // when 25 hours pass and history maintenance runs
    sut.clock.advance(25 * HOUR);
    const result = await sut.app.get(HistoryMaintenance).maintain();
    // then the key is gone, and it may be used for another request
    expect(result.purgedIdempotencyKeys).toBeGreaterThanOrEqual(1);
    const reused = await start('claims', { businessKey: 'expiring-2' }, key);
    expect([reused.status, reused.headers['idempotent-replayed']]).toEqual([201, undefined]);
  });
});

describe('tandem:uniqueBusinessKey', () => {
  let sut: TestApp;
  const start = (key: string, businessKey?: string) =>
    request(sut.server)
      .post(`/api/processes/${key}/instances`)
      .send(businessKey === undefined ? {} : { businessKey });

  beforeAll(async () => {
    sut = await createTestApp();
    await deploy(sut.server, waitingProcess('unique-claims', UNIQUE));
    await deploy(sut.server, instantProcess('unique-instant', UNIQUE));
    await deploy(sut.server, waitingProcess('shared-claims'));
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('answers 409 BUSINESS_KEY_TAKEN naming the key and the case that holds it, storing nothing', async () => {
    // given a case with business key C-1
    const first = await start('unique-claims', 'C-1');
    expect(first.status).toBe(201);
    // when a second case of the process starts with C-1
    const second = await start('unique-claims', 'C-1');
    // then it is refused, naming the key and the existing case
    expect([second.status, second.body.code]).toEqual([409, 'BUSINESS_KEY_TAKEN']);
    expect(second.body.details).toEqual({ processKey: 'unique-claims', businessKey: 'C-1', instanceId: first.body.id });
    expect(second.body.message).toContain('C-1');
    expect(second.body.message).toContain(first.body.id);
    const cases = await request(sut.server).get('/api/instances').query({ businessKey: 'C-1' });
    expect(cases.body.map(({ id }: { id: string }) => id)).toEqual([first.body.id]);
  });

  it('lets other business keys, cases without one, and other processes through', async () => {
    // when cases start with another key, without a key (twice), and with C-2 on a process without the attribute (twice)
    const answers = await Promise.all([
      start('unique-claims', 'C-2'),
      start('unique-claims'),
      start('unique-claims'),
      start('shared-claims', 'C-2'),
      start('shared-claims', 'C-2'),
    ]);
    // then all of them start
    expect(answers.map(({ status }) => status)).toEqual([201, 201, 201, 201, 201]);
  });

  it('counts cases of every version of the process', async () => {
    // given a case of version 1 with C-3, and a version 2 deployed
    expect((await start('unique-claims', 'C-3')).status).toBe(201);
    const v2 = await deploy(sut.server, waitingProcess('unique-claims', `${UNIQUE} name="Version two"`));
    expect(v2.version).toBe(2);
    // when a case of version 2 starts with C-3
    const second = await start('unique-claims', 'C-3');
    // then it is refused
    expect([second.status, second.body.code]).toEqual([409, 'BUSINESS_KEY_TAKEN']);
  });

  it('counts ended cases, for as long as they are stored', async () => {
    // given a case that ended at once
    const first = await start('unique-instant', 'E-1');
    expect([first.status, first.body.status]).toEqual([201, 'completed']);
    // when another starts with its key
    const second = await start('unique-instant', 'E-1');
    // then it is refused, naming the ended case
    expect([second.status, second.body.details?.instanceId]).toEqual([409, first.body.id]);
  });

  it('lets exactly one of 10 concurrent starts with one business key through', async () => {
    // when 10 starts with the same business key run at once
    const answers = await Promise.all(Array.from({ length: 10 }, () => start('unique-claims', 'RACE-1')));
    // then one started a case and nine were refused, naming it
    const statuses = answers.map(({ status }) => status).sort();
    expect(statuses).toEqual([201, ...Array<number>(9).fill(409)]);
    const winner = answers.find(({ status }) => status === 201)!.body.id as string;
    expect(answers.filter(({ status }) => status === 409).every(({ body }) => body.code === 'BUSINESS_KEY_TAKEN' && body.details.instanceId === winner)).toBe(true);
    const cases = await request(sut.server).get('/api/instances').query({ businessKey: 'RACE-1' });
    expect(cases.body.map(({ id }: { id: string }) => id)).toEqual([winner]);
  });
});
