import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { describeRoles } from './access-rule.js';
import type { AuthenticatedRequest } from './authenticated-request.js';
import type { Principal } from './principal.js';
import { ROLE_TABLE, type Endpoint } from './role-table.js';

/** Metadata key of the access rule; the global AccessGuard reads it, the handler's before its controller's. */
export const ACCESS_RULE = 'tandem:access-rule';
/** Metadata key of the role table's endpoint a handler declares; the AccessGuard refuses a handler that serves another route. */
export const ACCESS_ENDPOINT = 'tandem:access-endpoint';

/** The security schemes of the OpenAPI document (app-setup.ts declares them). */
export const BEARER_SCHEME = 'bearer';
export const API_KEY_SCHEME = 'api-key';

const credentialsDocumented = (forbidden?: string) =>
  applyDecorators(
    ApiBearerAuth(BEARER_SCHEME),
    ApiSecurity(API_KEY_SCHEME),
    ApiUnauthorizedResponse({ description: 'AUTHENTICATION_REQUIRED (no credentials) or AUTHENTICATION_FAILED (bad or expired token, unknown key)' }),
    ...(forbidden === undefined ? [] : [ApiForbiddenResponse({ description: forbidden })]),
  );

/**
 * Who may call the endpoint: its row of the role table (role-table.ts), the one place the rules
 * are written. An endpoint without @Allow is refused to everyone, and one whose @Allow names
 * another route too.
 */
export const Allow = (endpoint: Endpoint) => {
  const { rule } = ROLE_TABLE[endpoint];
  return applyDecorators(
    SetMetadata(ACCESS_RULE, rule),
    SetMetadata(ACCESS_ENDPOINT, endpoint),
    ...(rule.kind === 'public' ? [] : [credentialsDocumented(rule.kind === 'roles' ? `ACCESS_DENIED: needs the role ${describeRoles(rule.roles)}` : undefined)]),
  );
};

/** The caller the AccessGuard authenticated; only on endpoints that are not public. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (principal === undefined) throw new Error('CurrentPrincipal on an endpoint the AccessGuard did not authenticate');
  return principal;
});
