import { describe, expect, it } from '@jest/globals';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { isDomainError } from '#core';
import { Allow } from './access.decorators.js';
import { AccessGuard } from './access.guard.js';
import type { AuthenticatedRequest } from './authenticated-request.js';
import type { Authenticator } from './authenticator.service.js';
import type { Access, Principal } from './principal.js';

/** A controller as Nest sees one: each handler with its row of the role table. */
class ReportsController {
  @Allow('GET /api/analytics/kpis')
  read(): void {}

  @Allow('POST /api/deployments')
  redesign(): void {}

  @Allow('GET /api/health')
  ping(): void {}
}

class UndeclaredController {
  forgotten(): void {}
}

/** The caller the headers stand for; authentication itself is the Authenticator's (tested end to end). */
const authenticatorFor = (roles: Access[], calls: string[] = []): Authenticator =>
  ({
    authenticate: async () => {
      calls.push('authenticate');
      return { kind: 'user', id: 'u1', name: 'kim', displayName: null, roles, groups: [] } satisfies Principal;
    },
  }) as unknown as Authenticator;

const contextOf = (controller: new () => object, handler: string, request: Partial<AuthenticatedRequest>): ExecutionContext =>
  ({
    getHandler: () => (controller.prototype as Record<string, unknown>)[handler],
    getClass: () => controller,
    switchToHttp: () => ({ getRequest: () => request }),
  }) as unknown as ExecutionContext;

const outcome = async (guard: AccessGuard, context: ExecutionContext): Promise<string> => {
  try {
    return String(await guard.canActivate(context));
  } catch (error) {
    return isDomainError(error) ? error.code : String(error);
  }
};

describe('AccessGuard', () => {
  const request = () => ({ method: 'GET', path: '/api/x', headers: {} }) as Partial<AuthenticatedRequest>;

  it("applies the handler's row of the role table, lets admins in, and keeps out the other roles", async () => {
    // given an analyst, a designer and an admin
    const as = (roles: Access[]) => new AccessGuard(new Reflector(), authenticatorFor(roles));
    // when each calls the class-level and the handler-level endpoint, then
    expect(await outcome(as(['analyst']), contextOf(ReportsController, 'read', request()))).toBe('true');
    expect(await outcome(as(['analyst']), contextOf(ReportsController, 'redesign', request()))).toBe('ACCESS_DENIED');
    expect(await outcome(as(['designer']), contextOf(ReportsController, 'redesign', request()))).toBe('true');
    expect(await outcome(as(['designer']), contextOf(ReportsController, 'read', request()))).toBe('ACCESS_DENIED');
    expect(await outcome(as(['admin']), contextOf(ReportsController, 'redesign', request()))).toBe('true');
  });

  it('attaches the caller to the request for the handler', async () => {
    const sut = new AccessGuard(new Reflector(), authenticatorFor(['analyst']));
    const req = request();
    await sut.canActivate(contextOf(ReportsController, 'read', req));
    expect(req.principal?.name).toBe('kim');
  });

  it('lets anyone call a public endpoint without authenticating them', async () => {
    const calls: string[] = [];
    const sut = new AccessGuard(new Reflector(), authenticatorFor([], calls));
    expect(await outcome(sut, contextOf(ReportsController, 'ping', request()))).toBe('true');
    expect(calls).toEqual([]);
  });

  it('refuses an endpoint that declares no rule to everyone, admins too', async () => {
    const sut = new AccessGuard(new Reflector(), authenticatorFor(['admin']));
    expect(await outcome(sut, contextOf(UndeclaredController, 'forgotten', request()))).toBe('ACCESS_DENIED');
  });

  it('refuses everyone, admins too, a handler whose @Allow names another route than the one it serves', async () => {
    // given a handler declaring the deployments endpoint, served as another route
    const sut = new AccessGuard(new Reflector(), authenticatorFor(['admin']));
    const served = (method: string, path: string) => ({ ...request(), method, route: { path } }) as Partial<AuthenticatedRequest>;
    // when it is called on the route it declares, and on another, then only the first passes
    expect(await outcome(sut, contextOf(ReportsController, 'redesign', served('POST', '/api/deployments')))).toBe('true');
    expect(await outcome(sut, contextOf(ReportsController, 'redesign', served('PATCH', '/api/process-versions/:id')))).toBe('ACCESS_DENIED');
    expect(await outcome(sut, contextOf(ReportsController, 'read', served('HEAD', '/api/analytics/kpis')))).toBe('true');
  });
});
