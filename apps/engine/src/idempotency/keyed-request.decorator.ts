import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { IdempotencyClaim } from '#persistence';
import type { IdempotentHttpRequest } from './idempotency.interceptor.js';

/** The Idempotency-Key claim the request holds (undefined without the header), for a command that stores its answer with its commit. */
export const KeyedRequest = createParamDecorator((_data: unknown, context: ExecutionContext): IdempotencyClaim | undefined => {
  return context.switchToHttp().getRequest<IdempotentHttpRequest>().idempotencyClaim;
});
