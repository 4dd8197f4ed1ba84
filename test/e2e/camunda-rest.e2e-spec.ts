import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { PasswordHasher } from '../../apps/engine/src/auth/password-hasher.js';
import { ExternalTaskAvailability } from '../../apps/engine/src/external-tasks/external-task-availability.js';
import { createTestApp, deploy, eventually, fixture, TEST_PASSWORD, type TestApp } from './support/test-app.js';

/** The built-in HTTP JSON connector's own long poll, waiting in every engine process (docs/camunda-8-connectors.md). */
const BUILT_IN_POLLS = 1;

/** HTTP Basic as Camunda clients send it, and fetchAndLock's long polling, under /engine-rest. */
describe('/engine-rest: HTTP Basic and long polling', () => {
  let sut: TestApp;
  let workerKey: string;

  beforeAll(async () => {
    sut = await createTestApp();
    await deploy(sut.server, await fixture('camunda-payment.bpmn'));
    await sut.signIn('basic-agent', { roles: ['agent'] });
    workerKey = (await request(sut.server).post('/api/api-keys').send({ name: 'basic-worker' }).expect(201)).body.key as string;
  });

  afterAll(async () => {
    await sut?.close();
  });

  const version = (username: string, password: string) => request(sut.anonymousServer).get('/engine-rest/version').auth(username, password);
  const userId = async (username: string) =>
    ((await request(sut.server).get('/api/users')).body as Array<{ id: string; username: string }>).find((user) => user.username === username)!.id;

  it("verifies a user's password once, then serves the caller from the principal cache until the user changes", async () => {
    // given the password hasher's verify is counted (it still runs)
    const verify = jest.spyOn(sut.app.get(PasswordHasher), 'verify');
    try {
      // when the agent calls three times with Basic
      for (let call = 0; call < 3; call += 1) expect((await version('basic-agent', TEST_PASSWORD)).status).toBe(200);
      // then the password was hashed once
      expect(verify).toHaveBeenCalledTimes(1);

      // when an admin disables the agent
      await request(sut.server)
        .patch(`/api/users/${await userId('basic-agent')}`)
        .send({ disabled: true })
        .expect(200);
      // then the next call is refused at once (the cache was dropped and the password checked again)
      const refused = await eventually(
        () => version('basic-agent', TEST_PASSWORD),
        (response) => response.status === 401,
      );
      expect(refused.body).toEqual(expect.objectContaining({ type: 'AuthenticationException', message: 'Unknown username or wrong password (HTTP Basic)' }));
      expect(verify.mock.calls.length).toBeGreaterThan(1);
    } finally {
      verify.mockRestore();
      await request(sut.server)
        .patch(`/api/users/${await userId('basic-agent')}`)
        .send({ disabled: false })
        .expect(200);
    }
  });

  it('never caches a wrong password: each attempt is checked and counted by the log-in throttle', async () => {
    // given a user of their own, so the throttle's count is this test's
    await sut.signIn('guessed-agent', { roles: ['agent'] });
    // when someone guesses passwords with Basic until refused for good
    const answers: number[] = [];
    for (let attempt = 0; attempt < 12; attempt += 1) answers.push((await version('guessed-agent', `guess-${attempt}`)).status);
    // then the first guesses are 401 and, past the throttle's limit, 429 even with the right password
    expect(answers[0]).toBe(401);
    expect(answers.at(-1)).toBe(429);
    const right = await version('guessed-agent', TEST_PASSWORD);
    expect(right.status).toBe(429);
    expect(right.body.type).toBe('RestException');
  });

  it('takes an API key as the Basic password under any username, as a worker', async () => {
    // when the worker's key is sent under two usernames, and a revoked-looking key
    const first = await request(sut.anonymousServer).get('/engine-rest/engine').auth('demo', workerKey);
    const second = await request(sut.anonymousServer).get('/engine-rest/engine').auth('another-name', workerKey);
    const unknown = await request(sut.anonymousServer).get('/engine-rest/engine').auth('demo', 'tdk_not-a-key');
    // then the key counts, whatever the username; an unknown key does not
    expect([first.status, second.status, unknown.status]).toEqual([200, 200, 401]);
    expect(unknown.body).toEqual(expect.objectContaining({ type: 'AuthenticationException', message: 'The API key is unknown or revoked' }));
  });

  it('answers a waiting fetchAndLock as soon as a task of its topic exists, and an idle one with an empty list at its timeout', async () => {
    // given a worker long-polls (asyncResponseTimeout) with nothing to fetch
    const poll = request(sut.anonymousServer)
      .post('/engine-rest/external-task/fetchAndLock')
      .auth('worker', workerKey)
      .send({ workerId: 'poller', maxTasks: 1, asyncResponseTimeout: 30_000, topics: [{ topicName: 'charge-card', lockDuration: 10_000 }] })
      .then((response) => response);
    await eventually(
      async () => sut.app.get(ExternalTaskAvailability).waiting,
      (waiting) => waiting === 1 + BUILT_IN_POLLS,
    );
    // when a case creates a charge
    const started = await request(sut.anonymousServer).post('/engine-rest/process-definition/key/camunda-payment/start').auth('worker', workerKey).send({}).expect(200);
    // then the waiting worker gets it
    const answer = await poll;
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([expect.objectContaining({ processInstanceId: started.body.id, workerId: 'poller', topicName: 'charge-card' })]);

    // when a worker waits briefly for a topic nobody creates tasks of
    const idle = await request(sut.anonymousServer)
      .post('/engine-rest/external-task/fetchAndLock')
      .auth('worker', workerKey)
      .send({ workerId: 'idle', maxTasks: 1, asyncResponseTimeout: 300, topics: [{ topicName: 'nothing-here', lockDuration: 10_000 }] });
    // then it gets an empty list
    expect(idle.status).toBe(200);
    expect(idle.body).toEqual([]);
  });
});
