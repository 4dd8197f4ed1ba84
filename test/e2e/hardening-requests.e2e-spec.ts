import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp, deploy, fixture, logIn, TEST_PASSWORD, type TestApp } from './support/test-app.js';
import { changedTables, storedState } from './support/stored-state.js';

const nestedObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('request bodies nested too deep', () => {
  let sut: TestApp;
  const state = () => storedState(sut.app.get(DataSource));

  beforeAll(async () => {
    sut = await createTestApp();
    await deploy(sut.server, await fixture('service-request.bpmn'));
  });

  afterAll(async () => {
    await sut?.close();
  });

  // Found by the API fuzz test: such a body overflowed the stack while it was validated, a 500.
  it.each([
    ['POST', '/api/experiments', (deep: string) => `{"processKey":"service-request","ramp":${deep}}`],
    ['POST', '/api/processes/service-request/instances', (deep: string) => `{"variables":{"form":${deep}}}`],
    ['POST', '/api/messages', (deep: string) => `[${deep}]`],
  ])('%s %s answers 400 BODY_TOO_DEEP for a body nested 5,000 levels deep, storing nothing', async (method, path, body) => {
    // given what is stored
    const before = await state();
    // when a body nested 5,000 levels deep is sent
    const client = request(sut.server);
    const response = await client[method.toLowerCase() as 'post'](path)
      .set('Content-Type', 'application/json')
      .send(body(nestedObject(5_000)));
    // then it is refused before it is parsed, naming the limit, and nothing changed
    expect([response.status, response.body.code]).toEqual([400, 'BODY_TOO_DEEP']);
    expect(response.body.details).toEqual({ limit: 64 });
    expect(changedTables(before, await state())).toEqual([]);
  });

  it('takes variables nested as deep as the limit allows', async () => {
    // when a case starts with a variable 60 levels deep (the body adds two)
    const response = await request(sut.server)
      .post('/api/processes/service-request/instances')
      .set('Content-Type', 'application/json')
      .send(`{"variables":{"form":${nestedObject(60)}}}`);
    // then it is stored as sent
    expect(response.status).toBe(201);
    expect(JSON.stringify(response.body.variables.form)).toBe(nestedObject(60));
  });
});

describe('the NUL character, which no stored text can hold', () => {
  let sut: TestApp;
  const state = () => storedState(sut.app.get(DataSource));

  beforeAll(async () => {
    sut = await createTestApp();
  });

  afterAll(async () => {
    await sut?.close();
  });

  // Found by the API fuzz test: an id with %00 reached PostgreSQL, which failed on it, a 500.
  it('is refused in a path, a query string, a JSON body and a model, each with 400, storing nothing', async () => {
    // given what is stored
    const before = await state();
    // when NUL is sent in a path, a query, a body and a deployed model
    const inPath = await request(sut.server).get('/api/groups/first%00line');
    const inQuery = await request(sut.server).get('/api/instances').query({ businessKey: 'case\u00001' });
    const inBody = await request(sut.server).post('/api/groups').send({ id: 'first\u0000line', name: 'First line' });
    const inModel = await request(sut.server)
      .post('/api/deployments')
      .set('Content-Type', 'application/xml')
      .send(
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t"><bpmn:process id="p" name="a\u0000b" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e"/><bpmn:endEvent id="e"/></bpmn:process></bpmn:definitions>',
      );
    // then each is refused saying why, and nothing changed
    expect([inPath.status, inPath.body.code]).toEqual([400, 'NUL_CHARACTER']);
    expect([inQuery.status, inQuery.body.code]).toEqual([400, 'NUL_CHARACTER']);
    expect([inBody.status, inBody.body.code]).toEqual([400, 'BODY_MALFORMED']);
    expect(inBody.body.message).toContain('"id" holds the NUL character');
    expect([inModel.status, inModel.body.code]).toEqual([400, 'BPMN_MALFORMED']);
    expect(changedTables(before, await state())).toEqual([]);
  });
});

describe('tokens that are not what they claim', () => {
  let sut: TestApp;
  let agent: { sub: string; username: string; ver: number; sid: string };

  beforeAll(async () => {
    sut = await createTestApp();
    await sut.signIn('ana', { roles: ['agent'], groups: ['first-line'] });
    const token = await logIn(sut.anonymousServer, 'ana', TEST_PASSWORD);
    agent = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as typeof agent;
  });

  afterAll(async () => {
    await sut?.close();
  });

  const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = () => Math.floor(Date.now() / 1000);
  const admin = () => JSON.parse(Buffer.from(sut.adminToken.split('.')[1], 'base64url').toString()) as { sub: string; username: string };

  it('refuses alg "none", another algorithm with the right secret, another issuer and a subject that is no user id, each with 401', async () => {
    // given tokens claiming to be the admin: unsigned, signed with HS512 or for another issuer (with
    // the engine's own secret), and one whose subject is not an id
    const jwt = sut.app.get(JwtService);
    const claims = { sub: admin().sub, username: admin().username, iat: now(), exp: now() + 600, iss: 'tandem' };
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
    const unsignedUpper = `${base64url({ alg: 'NONE', typ: 'JWT' })}.${base64url(claims)}.`;
    const otherAlgorithm = jwt.sign({ sub: claims.sub, username: claims.username }, { algorithm: 'HS512' });
    const otherIssuer = jwt.sign({ sub: claims.sub, username: claims.username }, { issuer: 'someone-else' });
    const notAnId = jwt.sign({ sub: "' OR 1=1 --", username: claims.username });
    // when each asks for the list of users (an admin's endpoint)
    const answers = await Promise.all(
      [unsigned, unsignedUpper, otherAlgorithm, otherIssuer, notAnId].map((token) => request(sut.anonymousServer).get('/api/users').set('Authorization', `Bearer ${token}`)),
    );
    // then none gets in
    expect(answers.map(({ status, body }) => `${status} ${body.code}`)).toEqual(Array(5).fill('401 AUTHENTICATION_FAILED'));
  });

  it("reads the roles from the user, not the token: a validly signed agent's token claiming admin gets 403", async () => {
    // given the agent's token, signed with the engine's secret, with roles it made up (and the agent's own session)
    const forged = sut.app.get(JwtService).sign({ sub: agent.sub, username: agent.username, ver: agent.ver, sid: agent.sid, roles: ['admin'], role: 'admin', admin: true });
    // when it creates a user (an admin's endpoint)
    const response = await request(sut.anonymousServer)
      .post('/api/users')
      .set('Authorization', `Bearer ${forged}`)
      .send({ username: 'mallory', password: 'mallory-password', roles: ['admin'] });
    // then the agent is still an agent
    expect([response.status, response.body.code]).toEqual([403, 'ACCESS_DENIED']);
    const users = await request(sut.server).get('/api/users');
    expect(users.body.map(({ username }: { username: string }) => username)).not.toContain('mallory');
  });

  it("takes the name from the user, not the token: a token naming the admin with the agent's id acts as the agent", async () => {
    // given a validly signed token with the agent's id (and session) under the admin's name
    const misnamed = sut.app.get(JwtService).sign({ sub: agent.sub, username: admin().username, ver: agent.ver, sid: agent.sid });
    // when it asks who it is and lists users
    const me = await request(sut.anonymousServer).get('/api/auth/me').set('Authorization', `Bearer ${misnamed}`);
    const users = await request(sut.anonymousServer).get('/api/users').set('Authorization', `Bearer ${misnamed}`);
    // then it is the agent, with the agent's rights
    expect(me.body).toEqual(expect.objectContaining({ name: 'ana', roles: ['agent'] }));
    expect(users.status).toBe(403);
  });
});

describe('requests Node cannot parse, answered before the app sees them', () => {
  let sut: TestApp;
  let port: number;

  beforeAll(async () => {
    sut = await createTestApp();
    const server = sut.anonymousServer.listening ? sut.anonymousServer : sut.anonymousServer.listen(0);
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await sut?.close();
  });

  /** What the server answers to `head` and a body it never reads, read to the end of the connection. */
  const raw = (head: string): Promise<string> =>
    new Promise((done, fail) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(`${head}\r\n\r\n{"username":"a","password":"b"}`));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('end', () => done(answer));
      socket.on('error', fail);
    });

  it('answers a request line over 16 KB with 431 HEADERS_TOO_LARGE in the API error shape, and the answer arrives', async () => {
    // when the query string alone is 20 KB
    const answer = await raw(`POST /api/auth/login?a=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 31`);
    // then the status line and a JSON body with a code come back before the connection closes
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ statusCode: 431, code: 'HEADERS_TOO_LARGE' });
  });

  it('answers a broken request line with 400 REQUEST_MALFORMED', async () => {
    const answer = await raw('NOT AN HTTP REQUEST');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ statusCode: 400, code: 'REQUEST_MALFORMED' });
  });
});

describe('paging past what PostgreSQL can count', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
  });

  afterAll(async () => {
    await sut?.close();
  });

  // Found by the API fuzz test: 8.1e285 is an integer to JavaScript, and PostgreSQL refused it as an OFFSET, a 500.
  it.each(['/api/users', '/api/incidents'])('%s?offset=8.1e285 answers 400 naming offset', async (path) => {
    const response = await request(sut.server).get(`${path}?offset=8.108993553549084e%2B285`);
    expect([response.status, response.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(response.body.message).toContain('offset');
  });

  it('takes the largest safe offset and answers an empty page', async () => {
    const response = await request(sut.server).get(`/api/users?offset=${Number.MAX_SAFE_INTEGER}`);
    expect([response.status, response.body]).toEqual([200, []]);
  });
});
