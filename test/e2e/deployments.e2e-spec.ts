import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp, deploy, fixture, TEST_ADMIN, type TestApp } from './support/test-app.js';

describe('deployments and process versions', () => {
  let sut: TestApp;
  let serviceRequest: string;

  beforeAll(async () => {
    sut = await createTestApp();
    serviceRequest = await fixture('service-request.bpmn');
  });

  afterAll(async () => {
    await sut?.close();
  });

  const versionCount = async (key: string) => (await request(sut.server).get('/api/process-versions').query({ key })).body.length as number;

  it('deploys BPMN XML sent as the body and answers with the new process version', async () => {
    // given the service-request model
    // when it is posted as application/xml
    const response = await request(sut.server).post('/api/deployments').set('Content-Type', 'application/xml').send(serviceRequest);
    // then version 1 of its process key exists, deployed by the signed-in admin
    expect(response.status).toBe(201);
    expect(response.body.processVersions).toEqual([
      expect.objectContaining({ key: 'service-request', version: 1, name: 'Service request', created: true, deployedBy: TEST_ADMIN.username }),
    ]);
    expect(response.body.processVersions[0].checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('returns the existing version when identical XML is deployed again, as a multipart upload too', async () => {
    // given the model is deployed
    const first = await deploy(sut.server, serviceRequest);
    // when the same file is uploaded as multipart/form-data
    const response = await request(sut.server)
      .post('/api/deployments')
      .attach('file', Buffer.from(serviceRequest), { filename: 'service-request.bpmn', contentType: 'application/octet-stream' });
    // then the same version comes back and no new one is made
    expect(response.status).toBe(201);
    expect(response.body.processVersions).toEqual([expect.objectContaining({ id: first.id, version: first.version, created: false })]);
    expect(await versionCount('service-request')).toBe(1);
  });

  it('makes a new version when the XML of a key changes', async () => {
    // given version 1 is deployed
    const first = await deploy(sut.server, serviceRequest);
    // when a changed model with the same process id is deployed (as text/xml)
    const changed = serviceRequest.replace('name="Resolve request"', 'name="Resolve the request"');
    const response = await request(sut.server).post('/api/deployments').set('Content-Type', 'text/xml').send(changed);
    // then it becomes version 2, and both versions are listed, newest first
    expect(response.status).toBe(201);
    expect(response.body.processVersions[0]).toEqual(expect.objectContaining({ version: first.version + 1, created: true }));
    const list = await request(sut.server).get('/api/process-versions').query({ key: 'service-request' });
    expect(list.body.map((version: { version: number }) => version.version)).toEqual([2, 1]);
  });

  it('serves a process version with its XML, and 404 for an unknown id', async () => {
    // given a deployed version
    const version = await deploy(sut.server, serviceRequest);
    // when it is fetched by id
    const response = await request(sut.server).get(`/api/process-versions/${version.id}`);
    // then the XML is exactly what was deployed
    expect(response.status).toBe(200);
    expect(response.body.xml).toBe(serviceRequest);
    // and an id that was never deployed is a 404 with its code
    const unknown = await request(sut.server).get('/api/process-versions/00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual(expect.objectContaining({ statusCode: 404, code: 'PROCESS_VERSION_NOT_FOUND' }));
  });

  it('answers 400 BPMN_MALFORMED for XML that does not parse, and stores nothing', async () => {
    // given a truncated document
    const truncated = serviceRequest.slice(0, serviceRequest.length / 2);
    // when it is deployed
    const response = await request(sut.server).post('/api/deployments').set('Content-Type', 'application/xml').send(truncated);
    // then it is refused as malformed
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('BPMN_MALFORMED');
  });

  it('answers 400 for an empty body or a JSON body instead of XML', async () => {
    // when nothing, or JSON, is posted
    const empty = await request(sut.server).post('/api/deployments').set('Content-Type', 'application/xml').send('');
    const json = await request(sut.server).post('/api/deployments').send({ xml: serviceRequest });
    // then both are told how to send a model
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('DEPLOYMENT_EMPTY');
    expect(json.status).toBe(400);
    expect(json.body.code).toBe('DEPLOYMENT_EMPTY');
  });

  it('answers 422 naming the element when the model uses an element the engine cannot execute', async () => {
    // given a model with a complex gateway
    const xml = await fixture('complex-gateway.bpmn');
    // when it is deployed
    const response = await request(sut.server).post('/api/deployments').set('Content-Type', 'application/xml').send(xml);
    // then the problem list names the gateway, and no version of the key exists
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('BPMN_INVALID');
    expect(response.body.message).toContain('triage');
    expect(response.body.details.problems).toContainEqual(
      expect.objectContaining({ elementId: 'triage', severity: 'error', rule: expect.any(String), message: expect.any(String) }),
    );
    expect(await versionCount('with-complex-gateway')).toBe(0);
  });

  it('deploys a model that waits for a message, now that POST /api/messages delivers them', async () => {
    // given a model that waits for a customer's reply message
    const xml = await fixture('customer-reply.bpmn');
    // when it is deployed
    const response = await request(sut.server).post('/api/deployments').set('Content-Type', 'application/xml').send(xml);
    // then it is stored as the key's first version
    expect(response.status).toBe(201);
    expect(await versionCount('await-reply')).toBe(1);
  });

  it('answers 422 naming the sequence flow that leaves an exclusive gateway without a condition', async () => {
    // given a gateway with two branches, one without a condition and no default flow
    const xml = await fixture('unconditional-branch.bpmn');
    // when it is deployed
    const response = await request(sut.server).post('/api/deployments').set('Content-Type', 'application/xml').send(xml);
    // then the branch without a condition is named
    expect(response.status).toBe(422);
    expect(response.body.details.problems).toContainEqual(expect.objectContaining({ elementId: 'no', severity: 'error' }));
  });

  it('answers 400 naming the line for elements nested deeper than any model needs, and stores nothing', async () => {
    // given a BPMN document whose process holds sub-processes 20,000 levels deep
    const depth = 20_000;
    const xml = `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
<bpmn:process id="too-deep" isExecutable="true">${'<bpmn:subProcess>'.repeat(depth)}${'</bpmn:subProcess>'.repeat(depth)}</bpmn:process></bpmn:definitions>`;
    // when it is deployed
    const response = await request(sut.server).post('/api/deployments').set('Content-Type', 'application/xml').send(xml);
    // then it is refused before the reader recurses, naming where
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('BPMN_TOO_DEEP');
    expect(response.body.message).toContain('(line 2)');
    expect(await versionCount('too-deep')).toBe(0);
  });

  it('answers 413 for a body over the size limit', async () => {
    // given a body of more than 10 MB
    const huge = `<x>${'a'.repeat(10 * 1024 * 1024 + 1)}</x>`;
    // when it is deployed
    const response = await request(sut.server).post('/api/deployments').set('Content-Type', 'application/xml').send(huge);
    // then it is refused before any parsing
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 400 naming the field for an unknown query parameter, and 400 for an id that is not a uuid', async () => {
    // when the list is filtered by a field that does not exist, and a version is asked for by a bad id
    const unknownField = await request(sut.server).get('/api/process-versions').query({ kee: 'service-request' });
    const badId = await request(sut.server).get('/api/process-versions/not-a-uuid');
    // then both are validation errors
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.code).toBe('VALIDATION_FAILED');
    expect(unknownField.body.message).toContain('kee');
    expect(badId.status).toBe(400);
  });
});

describe('the platform endpoints', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('reports health with the database reachable', async () => {
    // when health is asked for
    const response = await request(sut.server).get('/api/health');
    // then the database answers
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', database: 'up', pool: 'available', migrations: 'current' });
  });

  it('is not ready while the database lacks a migration of this build, naming it, and is live all the while', async () => {
    // given a database on which the newest migration has not run (its record taken away)
    const dataSource = sut.app.get(DataSource);
    const [newest] = await dataSource.query<{ id: number; timestamp: string; name: string }[]>('SELECT id, timestamp, name FROM migrations ORDER BY timestamp DESC LIMIT 1');
    await dataSource.query('DELETE FROM migrations WHERE id = $1', [newest.id]);
    try {
      // when readiness and liveness are asked for
      const ready = await request(sut.server).get('/api/health');
      const live = await request(sut.server).get('/api/health/live');
      // then the process is live but not ready, and says which migration is missing
      expect(ready.status).toBe(503);
      expect(ready.body.message).toBe(`The database lacks migrations: ${newest.name}`);
      expect(live.status).toBe(200);
      expect(live.body).toEqual({ status: 'ok' });
    } finally {
      await dataSource.query('INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)', [newest.id, newest.timestamp, newest.name]);
    }
    // and once it has run, the process is ready again
    expect((await request(sut.server).get('/api/health')).status).toBe(200);
  });

  it('publishes the OpenAPI document of the API', async () => {
    // when the document is fetched
    const response = await request(sut.server).get('/api/docs-json');
    // then it describes the endpoints under /api
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/deployments',
        '/api/process-versions/{id}',
        '/api/processes/{key}/instances',
        '/api/instances/{id}/steps',
        '/api/tasks/{id}/complete',
        '/api/external-tasks/fetch-and-lock',
        '/api/health',
      ]),
    );
  });

  it('answers an unknown route with 404 in the error shape', async () => {
    // when a path that does not exist is requested
    const response = await request(sut.server).get('/api/nothing-here');
    // then it is a 404 with a code
    expect(response.status).toBe(404);
    expect(response.body).toEqual(expect.objectContaining({ statusCode: 404, code: 'NOT_FOUND' }));
  });

  it('answers malformed JSON with 400 in the error shape', async () => {
    // when a JSON body does not parse
    const response = await request(sut.server).post('/api/processes/anything/instances').set('Content-Type', 'application/json').send('{"variables": ');
    // then it is a 400 with a code, not a stack trace
    expect(response.status).toBe(400);
    expect(response.body).toEqual(expect.objectContaining({ statusCode: 400, code: 'BODY_MALFORMED' }));
  });
});
