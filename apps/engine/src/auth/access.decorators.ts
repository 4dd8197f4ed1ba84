import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { describeRoles, type AccessRule } from './access-rule.js';
import type { AuthenticatedRequest } from './authenticated-request.js';
import type { Access, Principal } from './principal.js';

/** Metadata key of the access rule; the global AccessGuard reads it, the handler's before its controller's. */
export const ACCESS_RULE = 'tandem:access-rule';

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

/** Anyone may call it, without credentials. */
export const Public = () => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);

/** Any signed-in user or API key may call it. */
export const SignedIn = () => applyDecorators(SetMetadata(ACCESS_RULE, { kind: 'signedIn' } satisfies AccessRule), credentialsDocumented());

/**
 * Callers with one of these roles may call it (`worker` is an API key); admins may always.
 * An endpoint without any of these decorators is refused to everyone.
 */
export const Roles = (...roles: Access[]) =>
  applyDecorators(SetMetadata(ACCESS_RULE, { kind: 'roles', roles } satisfies AccessRule), credentialsDocumented(`ACCESS_DENIED: needs the role ${describeRoles(roles)}`));

/** The caller the AccessGuard authenticated; only on endpoints that are not public. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (principal === undefined) throw new Error('CurrentPrincipal on an endpoint the AccessGuard did not authenticate');
  return principal;
});
