import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import fc from 'fast-check';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AnalyticsService } from '../../apps/engine/src/analytics/analytics.service.js';
import { createTestApp, deploy, fixture, type TestApp } from './support/test-app.js';
import { changedTables, storedState, type StoredState } from './support/stored-state.js';

/**
 * Generated requests at every endpoint the app has (read from its OpenAPI document, so a new
 * endpoint is fuzzed without changes here): path, query and body from fast-check, shaped by the
 * endpoint's schema or not at all, mostly as the admin and some anonymous. No answer may be a 5xx,
 * and a refused request (4xx) may change nothing stored.
 *
 * TANDEM_FUZZ_RUNS sets the total number of requests (at least one per endpoint), TANDEM_FUZZ_SEED
 * replays a run (a failure prints its seed).
 */
const TOTAL_RUNS = Number(process.env.TANDEM_FUZZ_RUNS ?? 10_000);
const SEED = process.env.TANDEM_FUZZ_SEED === undefined ? Date.now() % 2 ** 31 : Number(process.env.TANDEM_FUZZ_SEED);

/** Tables a refused request changes on purpose: failed log-ins are counted for throttling. */
const CHANGED_WHEN_REFUSED = ['login_attempt'];
/** The test's own record of row changes (see recordChanges). */
const CHANGE_LOG = 'fuzz_change';
/** Refused requests between two full checksums of the stored state. */
const CHECKSUM_EVERY = 100;
/** A request still unanswered after this long is reported; only a long poll may wait. */
const ANSWER_WITHIN_MS = 10_000;

interface Endpoint {
  method: string;
  /** As in the OpenAPI document: /api/tasks/{id}/claim. */
  path: string;
  query: Array<{ name: string; type?: string; enum?: unknown[] }>;
  body?: Schema;
  /** The endpoint takes something other than JSON (a deployment's XML or files). */
  raw: boolean;
}

interface Schema {
  type?: string;
  $ref?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

interface FuzzRequest {
  method: string;
  url: string;
  anonymous: boolean;
  contentType?: string;
  body?: string;
}

const describeRequest = ({ method, url, anonymous, contentType, body }: FuzzRequest): string =>
  `${method} ${url}${anonymous ? ' (anonymous)' : ''}${contentType ? ` [${contentType}]` : ''}${body === undefined ? '' : ` ${body.length > 600 ? `${body.slice(0, 600)}… (${body.length} chars)` : body}`}`;

const endpointsOf = (document: OpenAPIObject): Endpoint[] =>
  Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(
      operations as Record<string, { parameters?: Array<{ in: string; name: string; schema?: Schema }>; requestBody?: { content: Record<string, { schema?: Schema }> } }>,
    )
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, operation]) => {
        const content = operation.requestBody?.content ?? {};
        return {
          method: method.toUpperCase(),
          path,
          query: (operation.parameters ?? []).filter((parameter) => parameter.in === 'query').map(({ name, schema }) => ({ name, type: schema?.type, enum: schema?.enum })),
          body: content['application/json']?.schema,
          raw: Object.keys(content).length > 0 && content['application/json'] === undefined,
        };
      }),
  );

// --- arbitraries --------------------------------------------------------------------------------

const NASTY_TEXT = [
  '',
  ' ',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '0x1F',
  '9'.repeat(40),
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'prototype',
  "'; DROP TABLE instance; --",
  '../../etc/passwd',
  '%00',
  '\u0000',
  '\uFFFF',
  'a\u202Eb',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '=process',
  '= for x in 1..100000000 return x',
  '𝕿𝖆𝖓𝖉𝖊𝖒',
  'x'.repeat(70_000),
];

const text: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(...NASTY_TEXT),
);

const number: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.integer({ min: -5, max: 200 }),
  fc.constantFrom(0, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, Number.MAX_VALUE, -Number.MAX_VALUE, 1e-320, 0.5),
);

/**
 * Objects and arrays nested far deeper than any client sends, as a placeholder the body's JSON
 * text expands (JSON.stringify itself would overflow the stack on them).
 */
const deep = fc.tuple(fc.constantFrom('ARRAY', 'OBJECT'), fc.integer({ min: 500, max: 5_000 })).map(([kind, depth]) => `__DEEP_${kind}_${depth}__`);

const toJson = (value: unknown): string =>
  (JSON.stringify(value) ?? 'null').replace(/"__DEEP_(ARRAY|OBJECT)_(\d+)__"/g, (_, kind: string, depth: string) =>
    kind === 'ARRAY' ? `${'['.repeat(Number(depth))}${']'.repeat(Number(depth))}` : `${'{"a":'.repeat(Number(depth))}1${'}'.repeat(Number(depth))}`,
  );

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: text, weight: 3 },
  { arbitrary: number, weight: 3 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constant(null), weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
  { arbitrary: fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'a', 'toString', ''), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }), weight: 1 },
  { arbitrary: deep, weight: 1 },
);

/**
 * A body shaped like the endpoint's schema: loosely, each value sometimes right and often wrong,
 * with unknown keys besides; or strictly, with plausible values of the right types only, to get
 * past validation to the code behind it.
 */
const shaped = (schema: Schema | undefined, document: OpenAPIObject, pools: Pools, strict: boolean, depth = 0): fc.Arbitrary<unknown> => {
  if (schema === undefined || depth > 3) return strict ? fc.jsonValue({ maxDepth: 2 }) : anyValue;
  const inner = (each: Schema | undefined) => shaped(each, document, pools, strict, depth + 1);
  if (schema.$ref) return inner(document.components?.schemas?.[schema.$ref.split('/').pop()!] as Schema);
  const variant = schema.allOf ?? schema.oneOf ?? schema.anyOf;
  if (variant) return fc.oneof(...variant.map(inner));
  const right = ((): fc.Arbitrary<unknown> => {
    if (schema.enum) return fc.constantFrom(...schema.enum);
    switch (schema.type) {
      case 'string':
        return strict ? fc.oneof(fc.constantFrom(...pools.strings, ...pools.ids), fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/)) : fc.oneof(fc.constantFrom(...pools.strings), text);
      case 'integer':
      case 'number':
        return strict ? fc.integer({ min: 0, max: 100 }) : number;
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(inner(schema.items), { maxLength: strict ? 3 : 4 });
      default: {
        const entries = Object.entries(schema.properties ?? {}).map(([name, property]) => [name, inner(property)] as const);
        const known = entries.length > 0 ? fc.record(Object.fromEntries(entries), { requiredKeys: [] }) : fc.constant({});
        if (strict) {
          return schema.additionalProperties && entries.length === 0
            ? fc.dictionary(
                fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,9}$/),
                typeof schema.additionalProperties === 'object' ? inner(schema.additionalProperties) : fc.jsonValue({ maxDepth: 2 }),
                { maxKeys: 4 },
              )
            : known;
        }
        const extra = typeof schema.additionalProperties === 'object' ? inner(schema.additionalProperties) : fc.jsonValue({ maxDepth: 2 });
        return fc
          .tuple(known, fc.dictionary(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'x'), fc.string({ maxLength: 8 })), extra, { maxKeys: 3 }))
          .map(([given, more]) => Object.assign(Object.create(null) as object, more, given));
      }
    }
  })();
  return strict ? right : fc.oneof({ arbitrary: right, weight: 4 }, { arbitrary: anyValue, weight: 1 });
};

/** Bodies that are not the JSON the endpoint wants: broken, huge, of another type. */
const RAW_BODIES = fc.oneof(
  fc.record({ contentType: fc.constant('application/json'), body: fc.constantFrom('{', '{"a":', '[1,2', '"x"', '1e400', '{"a":1}{"b":2}', '\u0000', '', 'null') }),
  fc.record({
    contentType: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream', 'image/png'),
    body: fc.oneof(text, fc.constant('a=1&b[c]=2&__proto__[x]=1')),
  }),
  fc.record({
    contentType: fc.constantFrom('application/xml', 'text/xml'),
    body: fc.constantFrom('<x/>', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', '<bpmn:definitions', 'not xml'),
  }),
  fc.record({
    contentType: fc.constant('multipart/form-data; boundary=fuzz'),
    body: fc.constantFrom('--fuzz\r\nContent-Disposition: form-data; name="file"; filename="a.bpmn"\r\n\r\n<x/>\r\n--fuzz--\r\n', '--fuzz\r\n', 'garbage'),
  }),
);

interface Pools {
  /** Ids and keys of things that exist, so requests get past "not found" to the code behind. */
  ids: string[];
  keys: string[];
  strings: string[];
}

const safeEncode = (value: string): string => {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '?'));
  }
};

const pathValue = (pools: Pools): fc.Arbitrary<string> =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...pools.ids, ...pools.keys).map(safeEncode), weight: 4 },
    { arbitrary: fc.uuid().map(safeEncode), weight: 1 },
    { arbitrary: text.map(safeEncode), weight: 2 },
    { arbitrary: fc.constantFrom('%', '%E0%A4%A', '..', '%2e%2e', '%2F', '0', '-1'), weight: 1 },
  );

const queryString = (endpoint: Endpoint, pools: Pools): fc.Arbitrary<string> => {
  const names = [...endpoint.query.map(({ name }) => name.replace('<variable>', 'channel')), 'unknown', 'limit', 'a[b]', '__proto__[x]'];
  const value = fc.oneof(
    fc.constantFrom(...pools.strings, ...endpoint.query.flatMap((parameter) => (parameter.enum ?? []).map(String))),
    text,
    number.map(String),
    fc.constantFrom('true', 'false', '2026-01-05', '2026-01-05T09:00:00Z', 'P1D'),
  );
  return fc.array(fc.tuple(fc.constantFrom(...names), value), { maxLength: 5 }).map((pairs) => pairs.map(([name, each]) => `${safeEncode(name)}=${safeEncode(each)}`).join('&'));
};

const fuzzRequest = (endpoint: Endpoint, document: OpenAPIObject, pools: Pools): fc.Arbitrary<FuzzRequest> => {
  const params = [...endpoint.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
  const body: fc.Arbitrary<{ contentType?: string; body?: string }> =
    endpoint.method === 'GET' || endpoint.method === 'DELETE'
      ? fc.oneof({ arbitrary: fc.constant({}), weight: 9 }, { arbitrary: RAW_BODIES, weight: 1 })
      : fc.oneof(
          {
            arbitrary: shaped(endpoint.raw ? undefined : endpoint.body, document, pools, false).map((value) => ({ contentType: 'application/json', body: toJson(value) })),
            weight: 4,
          },
          {
            arbitrary: shaped(endpoint.raw ? undefined : endpoint.body, document, pools, true).map((value) => ({ contentType: 'application/json', body: toJson(value) })),
            weight: 3,
          },
          { arbitrary: RAW_BODIES, weight: 2 },
          { arbitrary: fc.constant({}), weight: 1 },
        );
  return fc
    .record({
      values: fc.tuple(...params.map(() => pathValue(pools))),
      query: fc.oneof({ arbitrary: fc.constant(''), weight: 1 }, { arbitrary: queryString(endpoint, pools), weight: endpoint.query.length > 0 ? 3 : 1 }),
      body,
      anonymous: fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, { arbitrary: fc.constant(true), weight: 1 }),
    })
    .map(({ values, query, body: { contentType, body: text }, anonymous }) => {
      let index = 0;
      const path = endpoint.path.replace(/\{\w+\}/g, () => values[index++] || 'x');
      const fuzz: FuzzRequest = { method: endpoint.method, url: query ? `${path}?${query}` : path, anonymous, contentType, body: text };
      // fast-check prints a failing request this way (bodies can be long)
      return Object.assign(fuzz, { [fc.toStringMethod]: () => describeRequest(fuzz) });
    });
};

const parseJson = (text: string): { code?: unknown; tandemCode?: unknown } | undefined => {
  try {
    return JSON.parse(text) as { code?: unknown; tandemCode?: unknown };
  } catch {
    return undefined;
  }
};

// --- the test -----------------------------------------------------------------------------------

/**
 * Records every row change of every table (bar those a refusal may change) in a table of the
 * test's own, inside the changing transaction: a refused request whose transaction rolled back
 * leaves no record, one that wrote anything does. Cheaper to read after each request than the
 * checksums, which the test still compares every CHECKSUM_EVERY refused requests.
 */
const recordChanges = async (dataSource: DataSource): Promise<void> => {
  await dataSource.query(`CREATE TABLE ${CHANGE_LOG} (id bigserial PRIMARY KEY, table_name text NOT NULL, operation text NOT NULL)`);
  await dataSource.query(`CREATE FUNCTION ${CHANGE_LOG}_record() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN INSERT INTO ${CHANGE_LOG} (table_name, operation) VALUES (TG_TABLE_NAME, TG_OP); RETURN NULL; END $$`);
  const tables: Array<{ name: string }> = await dataSource.query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition`,
  );
  for (const { name } of tables.filter(({ name }) => name !== CHANGE_LOG && !CHANGED_WHEN_REFUSED.includes(name))) {
    await dataSource.query(`CREATE TRIGGER ${CHANGE_LOG}_rows AFTER INSERT OR UPDATE OR DELETE ON "${name}" FOR EACH ROW EXECUTE FUNCTION ${CHANGE_LOG}_record()`);
    await dataSource.query(`CREATE TRIGGER ${CHANGE_LOG}_truncate AFTER TRUNCATE ON "${name}" FOR EACH STATEMENT EXECUTE FUNCTION ${CHANGE_LOG}_record()`);
  }
};

describe('the API under generated input', () => {
  let sut: TestApp;
  let baseUrl: string;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  let document: OpenAPIObject;
  let pools: Pools;
  let dataSource: DataSource;
  const sent = new Map<string, number>();
  const statuses = new Map<number, number>();

  beforeAll(async () => {
    sut = await createTestApp();
    dataSource = sut.app.get(DataSource);
    // things to point at: models, cases waiting at tasks, a decision, a group, a user, an API key
    const serviceRequest = await deploy(sut.server, await fixture('service-request.bpmn'));
    const ticket = await deploy(sut.server, await fixture('ticket-v1.bpmn'));
    const ticketNext = await deploy(sut.server, await fixture('ticket-v2.bpmn'));
    const decisions = await request(sut.server)
      .post('/api/deployments')
      .attach('file', Buffer.from(await fixture('classification.dmn')), 'classification.dmn');
    const instances: string[] = [];
    for (let n = 0; n < 4; n += 1) {
      const started = await request(sut.server)
        .post(`/api/processes/${n % 2 === 0 ? serviceRequest.key : ticket.key}/instances`)
        .send({ businessKey: `case-${n}`, variables: { amount: n * 10 } });
      instances.push(started.body.id);
    }
    const tasks = (await request(sut.server).get('/api/tasks')).body as Array<{ id: string }>;
    await request(sut.server).post('/api/groups').send({ id: 'fuzz-group', name: 'Fuzz group' }).expect(201);
    const user = await request(sut.server)
      .post('/api/users')
      .send({ username: 'fuzz-agent', password: 'fuzz-agent-password', roles: ['agent'], groups: ['fuzz-group'] })
      .expect(201);
    const key = await request(sut.server).post('/api/api-keys').send({ name: 'fuzz-worker' }).expect(201);
    pools = {
      ids: [
        serviceRequest.id,
        ticket.id,
        ticketNext.id,
        ...instances,
        ...tasks.map(({ id }) => id),
        user.body.id,
        key.body.id,
        'fuzz-group',
        ...((decisions.body.decisions ?? []) as Array<{ id: string }>).map(({ id }) => id),
      ],
      keys: [serviceRequest.key, ticket.key, 'fuzz-group'],
      strings: ['fuzz-agent', 'fuzz-group', 'first-line', 'case-1', 'record-request', serviceRequest.key, 'admin', 'agent'],
    };
    document = SwaggerModule.createDocument(sut.app, new DocumentBuilder().build());
    await recordChanges(dataSource);
    const server = sut.anonymousServer.listen(0);
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    agent.destroy();
    await sut?.close();
  });

  /** The row changes recorded after `mark`, and the newest record's id. */
  const changesAfter = async (mark: number): Promise<{ mark: number; changes: string[] }> => {
    const [row]: Array<{ mark: string | null; changes: string[] | null }> = await dataSource.query(
      `SELECT max(id) AS mark, array_agg(DISTINCT table_name || ' ' || operation) AS changes FROM ${CHANGE_LOG} WHERE id > $1`,
      [mark],
    );
    return { mark: row.mark === null ? mark : Number(row.mark), changes: row.changes ?? [] };
  };

  /** After an accepted change, lets the work it queued (aggregation, due jobs) finish before the next request. */
  const settle = async (mark: number): Promise<number> => {
    for (;;) {
      await sut.app.get(AnalyticsService).drain();
      await new Promise((resolve) => setTimeout(resolve, 20));
      const after = await changesAfter(mark);
      if (after.mark === mark) return mark;
      mark = after.mark;
    }
  };

  /** Over node:http, which (unlike fetch) sends a body with a GET too. */
  const send = (fuzz: FuzzRequest): Promise<{ status: number; text: string }> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = {};
      if (!fuzz.anonymous) headers.Authorization = `Bearer ${sut.adminToken}`;
      if (fuzz.contentType) headers['Content-Type'] = fuzz.contentType;
      if (fuzz.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(fuzz.body));
      const pending = httpRequest(`${baseUrl}${fuzz.url}`, { method: fuzz.method, headers, agent, timeout: ANSWER_WITHIN_MS }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        response.on('error', reject);
      });
      pending.on('timeout', () => {
        pending.destroy();
        resolve({ status: 0, text: 'no answer in time' });
      });
      pending.on('error', (error) => reject(new Error(`${describeRequest(fuzz)}: ${error.message}`)));
      pending.end(fuzz.body);
    });

  it(`answers ${TOTAL_RUNS} generated requests across every endpoint without a 5xx, and changes nothing stored on a refusal`, async () => {
    // Log-out with the admin's token would end the session every later request is sent with; test/e2e/sessions.e2e-spec.ts attacks it.
    const endpoints = endpointsOf(document).filter(({ method, path }) => `${method} ${path}` !== 'POST /api/auth/logout');
    const runsPerEndpoint = Math.max(1, Math.ceil(TOTAL_RUNS / endpoints.length));
    // the setup's own work (aggregation of its cases) done first
    let mark = await settle((await changesAfter(0)).mark);
    let checked: StoredState = await storedState(dataSource, [...CHANGED_WHEN_REFUSED, CHANGE_LOG]);
    let refusedSinceCheck = 0;
    const started = Date.now();
    for (const endpoint of endpoints) {
      const name = `${endpoint.method} ${endpoint.path}`;
      await fc.assert(
        fc.asyncProperty(fuzzRequest(endpoint, document, pools), async (fuzz) => {
          // when the generated request is sent
          const { status, text: answer } = await send(fuzz);
          sent.set(name, (sent.get(name) ?? 0) + 1);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          // then it is answered, never with a server error
          const longPoll = /"asyncResponseTimeoutMs":[1-9]/.test(fuzz.body ?? '');
          if (status >= 500 || (status === 0 && !longPoll)) throw new Error(`${status} for ${describeRequest(fuzz)}: ${answer.slice(0, 300)}`);
          const after = await changesAfter(mark);
          if (status >= 200 && status < 400) {
            if (after.mark !== mark) {
              mark = await settle(after.mark);
              checked = await storedState(dataSource, [...CHANGED_WHEN_REFUSED, CHANGE_LOG]);
              refusedSinceCheck = 0;
            }
            return;
          }
          // and a refused one says why with a code (oversized headers too: client-error.ts answers them)
          // (Camunda 7's API under /engine-rest answers {type, message} with Tandem's code as tandemCode)
          const refusal = parseJson(answer);
          if (status >= 400 && typeof (refusal?.code ?? refusal?.tandemCode) !== 'string')
            throw new Error(`${status} without a code for ${describeRequest(fuzz)}: ${answer.slice(0, 300)}`);
          // and changed no row
          if (after.changes.length > 0) throw new Error(`${status} for ${describeRequest(fuzz)}, yet it changed: ${after.changes.join(', ')}`);
          refusedSinceCheck += 1;
          if (refusedSinceCheck >= CHECKSUM_EVERY) {
            const now = await storedState(dataSource, [...CHANGED_WHEN_REFUSED, CHANGE_LOG]);
            const changed = changedTables(checked, now);
            if (changed.length > 0) throw new Error(`the last ${refusedSinceCheck} refused requests (up to ${describeRequest(fuzz)}) changed ${changed.join(', ')}`);
            refusedSinceCheck = 0;
          }
        }),
        { numRuns: runsPerEndpoint, seed: SEED, endOnFailure: true },
      );
    }
    const total = [...sent.values()].reduce((sum, count) => sum + count, 0);
    console.log(
      `API fuzz: ${total} requests at ${endpoints.length} endpoints in ${Math.round((Date.now() - started) / 1000)} s (seed ${SEED}); answers by status: ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`,
    );
    // every endpoint had its share, and the total is what was asked for
    expect(endpoints.filter((endpoint) => (sent.get(`${endpoint.method} ${endpoint.path}`) ?? 0) < runsPerEndpoint)).toEqual([]);
    expect(total).toBeGreaterThanOrEqual(TOTAL_RUNS);
  }, 900_000);

  it('still answers its health check and its admin afterwards', async () => {
    // when the engine is asked whether it is alive and ready, after all that
    const health = await request(sut.anonymousServer).get('/api/health');
    const me = await request(sut.server).get('/api/auth/me');
    // then it is, and the admin's token still works
    expect(health.status).toBe(200);
    expect(me.status).toBe(200);
  });
});
