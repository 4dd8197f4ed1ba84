import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, deploy, fixture, TEST_ADMIN, TEST_PASSWORD, type TestApp } from './support/test-app.js';

/** One recorded request and the answer Camunda 7's REST reference gives it. */
interface Exchange {
  name: string;
  as: 'worker' | 'agent' | 'agent-wrong-password' | 'analyst' | 'designer' | 'admin' | 'anonymous';
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
  status: number;
  /** The answer's shape: these fields with these values; "<uuid>", "<date>", "<string>" stand for any such value; arrays have this length. */
  response?: unknown;
  /** A multipart upload instead of a JSON body: its text fields and its files (the content inline). */
  multipart?: { fields: Record<string, string>; files: Array<{ field: string; filename: string; content: string }> };
  /** Fields the answer must not have. */
  absent?: string[];
  headers?: Record<string, string>;
  /** Values to use in later exchanges as {{name}}: a dotted path into the answer. */
  capture?: Record<string, string>;
}

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'camunda-rest');
const files = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.json'))
  .sort();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Camunda's date format: 2015-10-06T16:34:42.000+0200. */
const CAMUNDA_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/;

/** Where the answer differs from the shape, one line each (empty when it matches). */
const mismatches = (expected: unknown, actual: unknown, path = '$'): string[] => {
  if (expected === '<uuid>') return typeof actual === 'string' && UUID.test(actual) ? [] : [`${path}: expected a UUID, got ${JSON.stringify(actual)}`];
  if (expected === '<date>') return typeof actual === 'string' && CAMUNDA_DATE.test(actual) ? [] : [`${path}: expected a Camunda date, got ${JSON.stringify(actual)}`];
  if (expected === '<string>') return typeof actual === 'string' && actual !== '' ? [] : [`${path}: expected a string, got ${JSON.stringify(actual)}`];
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [`${path}: expected ${expected.length} entries, got ${JSON.stringify(actual)}`];
    return expected.flatMap((entry, index) => mismatches(entry, actual[index], `${path}[${index}]`));
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null) return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    return Object.entries(expected).flatMap(([key, value]) =>
      key in actual ? mismatches(value, (actual as Record<string, unknown>)[key], `${path}.${key}`) : [`${path}.${key}: missing`],
    );
  }
  return expected === actual ? [] : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
};

const ORDER_PROCESS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0" id="camunda-order-definitions" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="camunda-order" isExecutable="true">
    <bpmn:startEvent id="received" />
    <bpmn:userTask id="check-order" tandem:candidateGroups="billing" />
    <bpmn:endEvent id="done" />
    <bpmn:sequenceFlow id="f1" sourceRef="received" targetRef="check-order" />
    <bpmn:sequenceFlow id="f2" sourceRef="check-order" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>`;

/**
 * Replays request/response pairs written from Camunda 7's own REST reference (the OpenAPI
 * templates' examples and the resources' error answers) against /engine-rest, in file order on
 * one engine: each answer must have Camunda's status and shape.
 */
describe('Camunda 7 REST reference pairs replayed against /engine-rest', () => {
  let sut: TestApp;
  let workerKey: string;
  const captured = new Map<string, string>();

  beforeAll(async () => {
    sut = await createTestApp();
    await deploy(sut.server, await fixture('camunda-payment.bpmn'));
    await deploy(sut.server, ORDER_PROCESS);
    await deploy(sut.server, await fixture('message-catch.bpmn'));
    await sut.signIn('replay-agent', { roles: ['agent'], groups: ['billing'] });
    await sut.signIn('replay-analyst', { roles: ['analyst'] });
    await sut.signIn('replay-designer', { roles: ['designer'] });
    workerKey = (await request(sut.server).post('/api/api-keys').send({ name: 'replay-worker' }).expect(201)).body.key as string;
  });

  afterAll(async () => {
    await sut?.close();
  });

  const substitute = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? null).replace(/\{\{(\w+)\}\}/g, (_whole, name: string) => captured.get(name) ?? `{{${name}}}`)) as T;

  const send = (exchange: Exchange) => {
    const client = request(sut.anonymousServer);
    const path = substitute(exchange.path);
    const upload = (test: ReturnType<typeof client.post>) => {
      const { fields, files } = exchange.multipart!;
      for (const [name, value] of Object.entries(fields)) test.field(name, value);
      for (const file of files) test.attach(file.field, Buffer.from(file.content), file.filename);
      return test;
    };
    const pending =
      exchange.method === 'GET'
        ? client.get(path)
        : exchange.method === 'DELETE'
          ? client.delete(path)
          : exchange.multipart
            ? upload(client.post(path))
            : client.post(path).send(substitute(exchange.body) ?? undefined);
    switch (exchange.as) {
      case 'worker':
        return pending.auth('any-username', workerKey);
      case 'agent':
        return pending.auth('replay-agent', TEST_PASSWORD);
      case 'analyst':
        return pending.auth('replay-analyst', TEST_PASSWORD);
      case 'designer':
        return pending.auth('replay-designer', TEST_PASSWORD);
      case 'admin':
        return pending.auth(TEST_ADMIN.username, TEST_ADMIN.password);
      case 'agent-wrong-password':
        return pending.auth('replay-agent', 'not-the-password');
      case 'anonymous':
        return pending;
    }
  };

  const caseCount = async () => Number((await request(sut.server).get('/api/instances').query({ limit: 1 })).headers['x-total-count']);

  it.each(files)('%s', async (file) => {
    const { exchanges } = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as { exchanges: Exchange[] };
    const casesBefore = await caseCount();
    let started = 0;
    for (const exchange of exchanges) {
      // when the recorded request is sent
      const response = await send(exchange);
      // (its captures first: an expected shape may name a value of this very answer, e.g. a map keyed by the new id)
      for (const [name, path] of Object.entries(exchange.capture ?? {})) {
        captured.set(name, String(path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], response.body)));
      }
      // then the answer has Camunda's status, content type and shape
      const problems = [
        ...(response.status === exchange.status ? [] : [`status: expected ${exchange.status}, got ${response.status} ${JSON.stringify(response.body)}`]),
        ...(exchange.status === 204 || response.headers['content-type'] === 'application/json' ? [] : [`content-type: ${response.headers['content-type']}`]),
        ...(exchange.response === undefined ? [] : mismatches(substitute(exchange.response), response.body)),
        ...(exchange.absent ?? []).filter((key) => key in response.body).map((key) => `$.${key}: present`),
        ...Object.entries(exchange.headers ?? {}).flatMap(([name, value]) => (response.headers[name] === value ? [] : [`header ${name}: ${response.headers[name]}`])),
      ];
      expect({ exchange: exchange.name, problems }).toEqual({ exchange: exchange.name, problems: [] });
      if (exchange.path.endsWith('/start') && response.status === 200) started += 1;
    }
    // and only the starts that succeeded made cases: a refused request stored nothing
    expect(await caseCount()).toBe(casesBefore + started);
  });
});
