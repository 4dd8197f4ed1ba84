import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import request, { type Test } from 'supertest';
import type { AccessRule } from '../../apps/engine/src/auth/access-rule.js';
import type { Access } from '../../apps/engine/src/auth/principal.js';
import { endpointOf, ROLE_TABLE, type Endpoint } from '../../apps/engine/src/auth/role-table.js';
import { createTestApp, logIn, TEST_PASSWORD, type TestApp } from './support/test-app.js';

type Caller = 'anonymous' | Access;
const CALLERS: readonly Caller[] = ['anonymous', 'designer', 'agent', 'analyst', 'admin', 'worker'];

/** Path parameters get an id nothing has: allowed callers then meet a 404 or a 400, never a change. */
const NOTHING = '00000000-0000-4000-8000-000000000000';

interface Route {
  method: string;
  path: string;
}

/** The routes Express dispatches to (the Nest router's), as `METHOD /path/{param}`; the platform pages (OpenAPI, the Prometheus scrape) left out. */
const routerEndpoints = (sut: TestApp): string[] => {
  const express = sut.app.getHttpAdapter().getInstance() as { router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } };
  return (
    express.router.stack
      .flatMap(({ route }) => (route === undefined ? [] : Object.keys(route.methods).map((method) => ({ method, path: route.path }))))
      // Nest answers unknown paths under a prefix excluded from /api (Camunda's /engine-rest) with 404 handlers of its own: not endpoints.
      .filter(({ method, path }) => method !== '_all' && !path.startsWith('/api/docs') && path !== '/metrics' && !path.endsWith('/{*path}'))
      .map(({ method, path }) => endpointOf(method, path))
  );
};

const openApiEndpoints = (sut: TestApp): string[] => {
  const document = SwaggerModule.createDocument(sut.app, new DocumentBuilder().build());
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations as object)
      .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
};

const parse = (endpoint: string): Route => {
  const [method, path] = endpoint.split(' ');
  return { method, path };
};

/** What the role table says of the caller: admins may call every endpoint that is not public. */
const isAllowed = (rule: AccessRule, caller: Caller): boolean =>
  rule.kind === 'public' || (caller !== 'anonymous' && (rule.kind === 'signedIn' || caller === 'admin' || rule.roles.includes(caller)));

/** How the guard refuses; a 401 of the endpoint itself (POST /api/auth/refresh without its cookie) has a code of its own. */
const GUARD_REFUSALS: unknown[] = ['AUTHENTICATION_REQUIRED', 'AUTHENTICATION_FAILED', 'ACCESS_DENIED'];

const ENDPOINTS = Object.keys(ROLE_TABLE) as Endpoint[];

describe('who may call which endpoint', () => {
  let sut: TestApp;
  const credentials = new Map<Caller, Record<string, string>>();

  beforeAll(async () => {
    sut = await createTestApp();
    credentials.set('anonymous', {});
    for (const role of ['designer', 'agent', 'analyst'] as const) {
      await sut.signIn(`matrix-${role}`, { roles: [role], groups: role === 'agent' ? ['first-line'] : [] });
      credentials.set(role, { Authorization: `Bearer ${await logIn(sut.anonymousServer, `matrix-${role}`, TEST_PASSWORD)}` });
    }
    credentials.set('admin', { Authorization: `Bearer ${sut.adminToken}` });
    const key = await request(sut.server).post('/api/api-keys').send({ name: 'matrix-worker' }).expect(201);
    credentials.set('worker', { 'X-API-Key': key.body.key });
  });

  afterAll(async () => {
    await sut?.close();
  });

  const call = ({ method, path }: Route, caller: Caller): Test => {
    const url = path.replace(/\{\w+\}/g, NOTHING);
    const client = request(sut.anonymousServer);
    const pending = method === 'GET' ? client.get(url) : method === 'DELETE' ? client.delete(url) : client[method.toLowerCase() as 'post' | 'put' | 'patch'](url).send({});
    // Log-out (public) would end the session of the caller's token for the endpoints after it; test/e2e/sessions.e2e-spec.ts covers it.
    return pending.set(`${method} ${path}` === 'POST /api/auth/logout' ? {} : credentials.get(caller)!);
  };

  it('has every route of the app, and only those, in the role table', () => {
    // when the routes are read from the router and from the OpenAPI document
    const routes = routerEndpoints(sut).sort();
    const documented = openApiEndpoints(sut).sort();
    // then both are exactly the endpoints of the role table
    expect(routes).toEqual([...ENDPOINTS].sort());
    expect(documented).toEqual([...ENDPOINTS].sort());
  });

  it.each(ENDPOINTS)('%s answers each caller as the role table says', async (endpoint) => {
    // given the endpoint's row of the role table
    const { rule } = ROLE_TABLE[endpoint];
    const outcomes: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const caller of CALLERS) {
      // when the caller calls it
      const response = await call(parse(endpoint), caller);
      // then an allowed caller gets past the guard (2xx, or a 4xx about the request, never the guard's 401 or 403, nor a 5xx);
      // anyone else is refused: 401 without credentials, 403 with them
      // (Camunda 7's API under /engine-rest answers {type, message} and Tandem's code as tandemCode)
      const code: unknown = response.body.code ?? response.body.tandemCode;
      outcomes[caller] = GUARD_REFUSALS.includes(code) ? `${response.status} ${String(code)}` : response.status < 500 ? 'passed' : `${response.status}`;
      expected[caller] = isAllowed(rule, caller) ? 'passed' : caller === 'anonymous' ? '401 AUTHENTICATION_REQUIRED' : '403 ACCESS_DENIED';
    }
    expect(outcomes).toEqual(expected);
  });

  it('serves the OpenAPI page and document to anyone', async () => {
    // when someone who has not signed in asks for the API description, then it is there
    await request(sut.anonymousServer).get('/api/docs').expect(200);
    const document = await request(sut.anonymousServer).get('/api/docs-json').expect(200);
    // and it tells how to authenticate
    expect(Object.keys(document.body.components.securitySchemes).sort()).toEqual(['api-key', 'bearer']);
  });
});
