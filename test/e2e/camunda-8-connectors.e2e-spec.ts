import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import request from 'supertest';
import { DEFAULT_APP_CONFIG } from '../../apps/engine/src/common/config.js';
import { createTestApp, deploy, eventually, fixture, type TestApp } from './support/test-app.js';

/** The secret the model names as {{secrets.ORDERS_TOKEN}}: it must reach the called server and nothing else. */
const ORDERS_TOKEN = 's3cr3t-orders-token-4711';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Incident {
  id: string;
  elementId: string;
  message: string;
}

/** Issue 23 point 3: Camunda 8's REST connector runs in the engine; other connectors are named at deploy. */
describe('Camunda 8 connectors', () => {
  let sut: TestApp;
  let orders: Server;
  let baseUrl: string;
  let port: number;
  /** A port nothing listens on: connections to it are refused. */
  let closedPort: number;
  let drawn: string;
  const received: Received[] = [];
  /** Every line the engine logs through Nest's Logger while the tests run. */
  let logged = '';
  const spies = (['log', 'warn', 'error', 'debug', 'verbose'] as const).map((level) => {
    const original = Logger.prototype[level];
    return jest.spyOn(Logger.prototype, level).mockImplementation(function (this: Logger, message: unknown, ...rest: unknown[]) {
      logged += `${String(message)} ${rest.map(String).join(' ')}\n`;
      return original.call(this, message, ...(rest as []));
    });
  });

  beforeAll(async () => {
    // given an order service on this machine that echoes the caller's authorization header back
    orders = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        if (req.url?.startsWith('/unavailable')) {
          res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'maintenance', seen: req.headers.authorization }));
          return;
        }
        res
          .writeHead(200, { 'content-type': 'application/json', 'x-seen-authorization': req.headers.authorization ?? '' })
          .end(JSON.stringify({ status: 'accepted', id: 'ord-1' }));
      });
    });
    await new Promise<void>((resolve) => orders.listen(0, '127.0.0.1', resolve));
    port = (orders.address() as AddressInfo).port;
    baseUrl = `http://127.0.0.1:${port}`;
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    // and the engine allowed to call it, with the secret configured
    sut = await createTestApp({ connectors: { ...DEFAULT_APP_CONFIG.connectors, allowedHosts: [`127.0.0.1:${port}`, `127.0.0.1:${closedPort}`], secrets: { ORDERS_TOKEN } } });
    drawn = await fixture('camunda-8/order-connector.bpmn');
  });

  afterAll(async () => {
    await sut?.close();
    await new Promise((resolve) => orders?.close(resolve));
    for (const spy of spies) spy.mockRestore();
  });

  const variant = (key: string, replacements: Array<[string, string]> = []) =>
    replacements.reduce((xml, [from, to]) => xml.replaceAll(from, to), drawn.replaceAll('order-connector', key));

  const start = async (key: string, variables: Record<string, unknown>) =>
    (await request(sut.server).post(`/api/processes/${key}/instances`).send({ variables }).expect(201)).body.id as string;

  /** The deploy answer's connector warnings (the model's other findings, such as value classes, are not the subject here). */
  const connectorWarningsOf = (body: { warnings: Array<{ rule: string }> }) => body.warnings.filter(({ rule }) => rule.startsWith('connector-'));

  const instanceOf = (id: string) => request(sut.server).get(`/api/instances/${id}`).expect(200);

  const incidentsOf = async (instanceId: string) => (await request(sut.server).get(`/api/incidents?instanceId=${instanceId}`).expect(200)).body as Incident[];

  /** Everything the API tells about the instance: its view, steps, audit trail, incidents and jobs. */
  const everythingAbout = async (instanceId: string): Promise<string> => {
    const answers = await Promise.all([
      request(sut.server).get(`/api/instances/${instanceId}`),
      request(sut.server).get(`/api/instances/${instanceId}/steps`),
      request(sut.server).get(`/api/instances/${instanceId}/audit`),
      request(sut.server).get(`/api/incidents?instanceId=${instanceId}`),
      request(sut.server).get(`/engine-rest/external-task?processInstanceId=${instanceId}`),
      request(sut.server).get(`/engine-rest/process-instance/${instanceId}/variables`),
    ]);
    for (const answer of answers) expect(answer.status).toBe(200);
    return answers.map((answer) => answer.text).join('\n');
  };

  it('call the URL a Camunda-Modeler-shaped REST connector task names, with the secret resolved for the call only, and run to the end', async () => {
    // given the model deployed as Camunda Modeler wrote it
    const deployed = await request(sut.server).post('/api/deployments').set('Content-Type', 'application/xml').send(drawn).expect(201);
    expect(connectorWarningsOf(deployed.body)).toEqual([]);

    // when a case starts
    const instanceId = await start('order-connector', { baseUrl, orderId: 'A-17' });

    // then the built-in connector calls the service and the case ends with the mapped result
    const ended = await eventually(
      () => instanceOf(instanceId),
      (answer) => answer.body.status === 'completed',
    );
    expect(ended.body.status).toBe('completed');
    const call = received.find((candidate) => candidate.body.includes('A-17'))!;
    expect(call).toMatchObject({ method: 'POST', url: '/orders?priority=high' });
    expect(call.headers).toMatchObject({ authorization: `Bearer ${ORDERS_TOKEN}`, 'x-tenant': 'north', 'content-type': 'application/json' });
    expect(JSON.parse(call.body)).toEqual({ orderId: 'A-17', quantity: 3 });
    expect(ended.body.variables).toMatchObject({
      orderStatus: 'accepted',
      orderResponse: { status: 200, body: { status: 'accepted', id: 'ord-1' }, headers: { 'x-seen-authorization': 'Bearer ***' } },
    });

    // and the secret's value appears in no answer about the case: variables, steps, audit, incidents, jobs
    expect(await everythingAbout(instanceId)).not.toContain(ORDERS_TOKEN);
  });

  it('fail the job on a non-2xx answer, retry it, and raise an incident naming the status once no retry is left', async () => {
    // given a model whose call is answered 503
    await deploy(sut.server, variant('order-unavailable', [['/orders', '/unavailable']]));

    // when a case starts
    const instanceId = await start('order-unavailable', { baseUrl, orderId: 'B-1' });

    // then both attempts are made, and the incident says what the service answered
    const incidents = await eventually(
      () => incidentsOf(instanceId),
      (found) => found.length > 0,
    );
    expect(incidents).toEqual([expect.objectContaining({ elementId: 'Activity_PlaceOrder' })]);
    expect(incidents[0]!.message).toContain(`POST ${baseUrl}/unavailable answered HTTP 503`);
    expect(incidents[0]!.message).toContain('maintenance');
    expect(received.filter((candidate) => candidate.body.includes('B-1'))).toHaveLength(2);
    expect((await instanceOf(instanceId)).body.status).toBe('active');
    // and the secret the service echoed is masked in the incident and in the log lines about the failures
    expect(incidents[0]!.message).toContain('Bearer ***');
    expect(await everythingAbout(instanceId)).not.toContain(ORDERS_TOKEN);
    expect(logged).toContain('answered HTTP 503');
    expect(logged).not.toContain(ORDERS_TOKEN);
  });

  it('fail the job when the call gets no answer, and raise an incident saying why once no retry is left', async () => {
    // given a model calling a port nothing listens on
    await deploy(sut.server, variant('order-refused'));

    // when a case starts
    const instanceId = await start('order-refused', { baseUrl: `http://127.0.0.1:${closedPort}`, orderId: 'E-1' });

    // then
    const incidents = await eventually(
      () => incidentsOf(instanceId),
      (found) => found.length > 0,
    );
    expect(incidents[0]!.message).toContain(`POST http://127.0.0.1:${closedPort}/orders failed:`);
    expect(incidents[0]!.message).toContain('ECONNREFUSED');
  });

  it('warn at deploy about a secret that is not configured, and raise an incident naming it (not calling) when the job runs', async () => {
    // given a model naming a secret nobody configured
    const xml = variant('order-unknown-secret', [['{{secrets.ORDERS_TOKEN}}', '{{secrets.ORDERS_TOKEN_TYPO}}']]);

    // when it is deployed
    const deployed = await request(sut.server).post('/api/deployments').set('Content-Type', 'application/xml').send(xml).expect(201);

    // then the answer warns, naming the element and the secret
    expect(connectorWarningsOf(deployed.body)).toEqual([
      expect.objectContaining({ elementId: 'Activity_PlaceOrder', rule: 'connector-secret', severity: 'warning', message: expect.stringContaining("'ORDERS_TOKEN_TYPO'") }),
    ]);

    // when a case runs into the task
    const instanceId = await start('order-unknown-secret', { baseUrl, orderId: 'C-1' });

    // then an incident names the secret at once (no retry could help) and nothing was called
    const incidents = await eventually(
      () => incidentsOf(instanceId),
      (found) => found.length > 0,
    );
    expect(incidents[0]!.message).toContain("secret 'ORDERS_TOKEN_TYPO', which is not configured");
    expect(received.filter((candidate) => candidate.body.includes('C-1'))).toEqual([]);
  });

  it('refuse a host the allowlist does not name with an incident naming the host, calling nothing', async () => {
    // given a model calling the same service by another host name
    await deploy(sut.server, variant('order-blocked-host'));

    // when a case starts with that host
    const instanceId = await start('order-blocked-host', { baseUrl: `http://localhost:${port}`, orderId: 'D-1' });

    // then
    const incidents = await eventually(
      () => incidentsOf(instanceId),
      (found) => found.length > 0,
    );
    expect(incidents[0]!.message).toContain(`The host 'localhost:${port}' is not in TANDEM_CONNECTORS_ALLOWED_HOSTS`);
    expect(received.filter((candidate) => candidate.body.includes('D-1'))).toEqual([]);
  });

  it('warn at deploy about a job type no worker has fetched yet, and no more once a worker has asked for it', async () => {
    // given a model whose job is of a type of its own, not a connector's
    const xml = variant('order-audit', [['type="io.camunda:http-json:1"', 'type="order-audit"']]);

    // when it is deployed before any worker asked for that type
    const first = await request(sut.server).post('/api/deployments').set('Content-Type', 'application/xml').send(xml).expect(201);

    // then the answer names the element and the job type
    expect(first.body.warnings.filter(({ rule }: { rule: string }) => rule === 'job-worker')).toEqual([
      expect.objectContaining({
        elementId: 'Activity_PlaceOrder',
        severity: 'warning',
        message: expect.stringContaining("no worker has fetched that type from this engine yet: start an external worker that fetches topic 'order-audit'"),
      }),
    ]);

    // when a worker asks for that type, and the model is deployed again with a change
    await request(sut.server)
      .post('/api/external-tasks/fetch-and-lock')
      .send({ workerId: 'auditor', maxTasks: 1, topics: [{ name: 'order-audit', lockDurationMs: 60_000 }] })
      .expect(200);
    const second = await request(sut.server)
      .post('/api/deployments')
      .set('Content-Type', 'application/xml')
      .send(xml.replace('name="Place order"', 'name="Audit order"'))
      .expect(201);

    // then
    expect(second.body.warnings.filter(({ rule }: { rule: string }) => rule === 'job-worker')).toEqual([]);
  });

  it('warn at deploy about connector job types no built-in worker serves, naming the element and the job type', async () => {
    // given a model with Camunda's SendGrid connector beside the REST one
    const xml = variant('order-sendgrid', [['type="io.camunda:http-json:1"', 'type="io.camunda:sendgrid:1"']]);

    // when it is deployed
    const deployed = await request(sut.server).post('/api/deployments').set('Content-Type', 'application/xml').send(xml).expect(201);

    // then it deploys, with a warning telling how to serve it
    expect(connectorWarningsOf(deployed.body)).toEqual([
      expect.objectContaining({
        elementId: 'Activity_PlaceOrder',
        rule: 'connector-job',
        severity: 'warning',
        message: expect.stringContaining('no connector runtime: serve job type io.camunda:sendgrid:1 with an external worker'),
      }),
    ]);
  });
});
