import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import request, { type Test } from 'supertest';
import type { Access } from '../../apps/engine/src/auth/principal.js';
import { createTestApp, logIn, TEST_PASSWORD, type TestApp } from './support/test-app.js';

/** Who may call an endpoint: anyone, anyone signed in, or the roles named (`worker` is an API key). */
type Allowed = 'public' | 'signedIn' | readonly Access[];

/**
 * The access rules, written down here on their own (README, "Who may do what"), not read from the
 * decorators they test. Every route the app has must be listed: a new endpoint fails this test
 * until its rule is decided here and declared on the route.
 */
const EXPECTED: Record<string, Allowed> = {
  'GET /api/health': 'public',
  'GET /api/health/live': 'public',
  'GET /api/settings': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/refresh': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/auth/me': 'signedIn',

  'POST /api/deployments': ['designer', 'admin'],
  'GET /api/process-versions': ['designer', 'analyst', 'admin'],
  'GET /api/process-versions/{id}': ['designer', 'analyst', 'admin'],
  'PATCH /api/process-versions/{id}': ['designer', 'admin'],
  'GET /api/process-versions/{before}/diff/{after}': ['designer', 'analyst', 'admin'],
  'GET /api/decisions': ['designer', 'analyst', 'admin'],
  'GET /api/decisions/{id}': ['designer', 'analyst', 'admin'],
  'GET /api/forms': ['designer', 'analyst', 'admin'],
  'GET /api/forms/{id}': ['designer', 'analyst', 'admin'],

  'POST /api/processes/{key}/instances': ['agent', 'worker', 'admin'],
  'GET /api/instances': ['analyst', 'admin'],
  'GET /api/instances/{id}': ['analyst', 'admin'],
  'GET /api/instances/{id}/steps': ['analyst', 'admin'],
  'GET /api/instances/{id}/audit': ['analyst', 'admin'],
  'POST /api/instances/{id}/cancel': ['admin'],
  'POST /api/instances/{id}/suspend': ['admin'],
  'POST /api/instances/{id}/resume': ['admin'],
  'PUT /api/instances/{id}/variables': ['admin'],
  'PATCH /api/instances/{id}/variables': ['admin'],
  'POST /api/instances/{id}/migrate': ['admin'],
  'POST /api/process-versions/{id}/migrate-instances': ['admin'],

  'GET /api/tasks': ['agent', 'admin'],
  'GET /api/tasks/{id}': ['agent', 'admin'],
  'GET /api/tasks/{id}/form': ['agent', 'admin'],
  'POST /api/tasks/{id}/claim': ['agent', 'admin'],
  'POST /api/tasks/{id}/complete': ['agent', 'admin'],
  'POST /api/tasks/{id}/unclaim': ['agent', 'admin'],
  'POST /api/tasks/{id}/start': ['agent', 'admin'],
  'POST /api/tasks/{id}/pause': ['agent', 'admin'],
  'POST /api/tasks/{id}/assign': ['agent', 'admin'],
  'POST /api/tasks/{id}/delegate': ['agent', 'admin'],
  'POST /api/tasks/{id}/escalate': ['agent', 'admin'],
  'POST /api/tasks/{id}/comments': ['agent', 'admin'],
  'GET /api/tasks/{id}/comments': ['agent', 'admin'],
  'GET /api/tasks/{id}/history': ['agent', 'admin'],
  'GET /api/escalation-reasons': ['agent', 'admin'],

  'POST /api/external-tasks/fetch-and-lock': ['worker', 'admin'],
  'POST /api/external-tasks/{id}/complete': ['worker', 'admin'],
  'POST /api/external-tasks/{id}/failure': ['worker', 'admin'],
  'POST /api/external-tasks/{id}/bpmn-error': ['worker', 'admin'],
  'POST /api/messages': ['worker', 'admin'],
  'POST /api/signals': ['worker', 'admin'],

  'GET /api/incidents': ['analyst', 'admin'],
  'GET /api/incidents/{id}': ['analyst', 'admin'],
  'POST /api/incidents/{id}/retry': ['admin'],
  'POST /api/incidents/{id}/resolve': ['admin'],

  'GET /api/analytics/activities': ['analyst', 'admin'],
  'GET /api/analytics/bottlenecks': ['analyst', 'admin'],
  'GET /api/analytics/cases': ['analyst', 'admin'],
  'GET /api/analytics/value-added': ['analyst', 'admin'],
  'GET /api/analytics/rework': ['analyst', 'admin'],
  'GET /api/analytics/utilisation': ['analyst', 'admin'],
  'GET /api/analytics/kpis': ['analyst', 'admin'],
  'GET /api/analytics/event-log': ['analyst', 'admin'],
  'GET /api/analytics/kpi-targets/{processKey}': ['analyst', 'admin'],
  'PUT /api/analytics/kpi-targets/{processKey}': ['analyst', 'admin'],

  'POST /api/experiments': ['analyst', 'admin'],
  'GET /api/experiments': ['analyst', 'admin'],
  'GET /api/experiments/{id}': ['analyst', 'admin'],
  'PUT /api/experiments/{id}': ['analyst', 'admin'],
  'POST /api/experiments/{id}/start': ['analyst', 'admin'],
  'POST /api/experiments/{id}/pause': ['analyst', 'admin'],
  'POST /api/experiments/{id}/resume': ['analyst', 'admin'],
  'POST /api/experiments/{id}/stop': ['analyst', 'admin'],
  'POST /api/experiments/{id}/promote': ['analyst', 'admin'],
  'GET /api/experiments/{id}/assignments': ['analyst', 'admin'],
  'GET /api/experiments/{id}/events': ['analyst', 'admin'],
  'POST /api/experiments/{id}/arms/{armId}/pause': ['analyst', 'admin'],
  'POST /api/experiments/{id}/arms/{armId}/resume': ['analyst', 'admin'],
  'GET /api/experiments/{id}/analysis': ['analyst', 'admin'],
  'GET /api/experiments/{id}/verdict': ['analyst', 'admin'],
  'POST /api/experiments/{id}/migrate-running': ['analyst', 'admin'],
  'POST /api/simulations/calibration': ['analyst', 'admin'],
  'POST /api/simulations/predictions': ['analyst', 'admin'],

  'GET /api/users': ['admin'],
  'POST /api/users': ['admin'],
  'GET /api/users/{id}': ['admin'],
  'PATCH /api/users/{id}': ['admin'],
  'GET /api/groups': ['admin'],
  'POST /api/groups': ['admin'],
  'GET /api/groups/{id}': ['admin'],
  'PATCH /api/groups/{id}': ['admin'],
  'DELETE /api/groups/{id}': ['admin'],
  'GET /api/api-keys': ['admin'],
  'POST /api/api-keys': ['admin'],
  'DELETE /api/api-keys/{id}': ['admin'],
};

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
  return express.router.stack
    .flatMap(({ route }) => (route === undefined ? [] : Object.keys(route.methods).map((method) => ({ method, path: route.path }))))
    .filter(({ method, path }) => method !== '_all' && !path.startsWith('/api/docs') && path !== '/metrics')
    .map(({ method, path }) => `${method.toUpperCase()} ${path.replace(/:(\w+)/g, '{$1}')}`);
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

/** How the guard refuses; a 401 of the endpoint itself (POST /api/auth/refresh without its cookie) has a code of its own. */
const GUARD_REFUSALS: unknown[] = ['AUTHENTICATION_REQUIRED', 'AUTHENTICATION_FAILED', 'ACCESS_DENIED'];

const isAllowed = (allowed: Allowed, caller: Caller): boolean => allowed === 'public' || (caller !== 'anonymous' && (allowed === 'signedIn' || allowed.includes(caller)));

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

  it('lists every route of the app, and only those, in the expected rules', () => {
    // when the routes are read from the router and from the OpenAPI document
    const routes = routerEndpoints(sut).sort();
    const documented = openApiEndpoints(sut).sort();
    // then both are exactly the endpoints listed here
    expect(routes).toEqual(Object.keys(EXPECTED).sort());
    expect(documented).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.keys(EXPECTED))('%s answers each caller as its rule says', async (endpoint) => {
    // given the rule for the endpoint
    const allowed = EXPECTED[endpoint];
    const outcomes: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const caller of CALLERS) {
      // when the caller calls it
      const response = await call(parse(endpoint), caller);
      // then an allowed caller gets past the guard (2xx, or a 4xx about the request, never the guard's 401 or 403, nor a 5xx);
      // anyone else is refused: 401 without credentials, 403 with them
      outcomes[caller] = GUARD_REFUSALS.includes(response.body.code) ? `${response.status} ${response.body.code}` : response.status < 500 ? 'passed' : `${response.status}`;
      expected[caller] = isAllowed(allowed, caller) ? 'passed' : caller === 'anonymous' ? '401 AUTHENTICATION_REQUIRED' : '403 ACCESS_DENIED';
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
