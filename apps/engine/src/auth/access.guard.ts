import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '#core';
import { ACCESS_ENDPOINT, ACCESS_RULE } from './access.decorators.js';
import { describeRoles, mayAccess, type AccessRule } from './access-rule.js';
import { AUTH_ERRORS } from './auth-errors.js';
import type { AuthenticatedRequest } from './authenticated-request.js';
import { Authenticator } from './authenticator.service.js';
import { endpointOf } from './role-table.js';

/**
 * The one guard of every endpoint (registered globally in AuthModule): it authenticates the caller
 * and checks the rule the endpoint declares with @Allow (its row of the role table). An endpoint
 * that declares none is refused to everyone, so a forgotten decorator cannot open it up.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const rule = this.declaredRule(context, request);
    if (rule?.kind === 'public') return true;
    const principal = await this.authenticator.authenticate(request.headers);
    request.principal = principal;
    if (rule === undefined) {
      throw new DomainError(AUTH_ERRORS.accessDenied, `${request.method} ${request.path} declares no access rule, so nobody may call it`);
    }
    if (!mayAccess(principal, rule)) {
      const required = rule.kind === 'roles' ? rule.roles : [];
      throw new DomainError(
        AUTH_ERRORS.accessDenied,
        `${request.method} ${request.path} needs the role ${describeRoles(required)}; ${principal.name} has ${principal.roles.join(', ') || 'no role'}`,
        { required: [...new Set([...required, 'admin'])], roles: principal.roles },
      );
    }
    return true;
  }

  /** The handler's rule; refused to everyone when its @Allow names an endpoint other than the route it serves, a slip that must not open a route. */
  private declaredRule(context: ExecutionContext, request: AuthenticatedRequest): AccessRule | undefined {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    const declared = this.reflector.get<string | undefined>(ACCESS_ENDPOINT, context.getHandler());
    const routePath = (request as { route?: { path?: unknown } }).route?.path;
    if (declared === undefined || typeof routePath !== 'string') return rule;
    // Express answers HEAD with the GET route.
    const served = endpointOf(request.method === 'HEAD' ? 'GET' : request.method, routePath);
    if (declared !== served) throw new DomainError(AUTH_ERRORS.accessDenied, `${served} declares the access rule of ${declared}, so nobody may call it`);
    return rule;
  }
}
