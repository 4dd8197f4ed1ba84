import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** What every log line written while serving a request carries. */
export interface RequestContext {
  requestId: string;
  /** Set once the request works on an instance (commands), so its log lines name the case. */
  instanceId?: string;
  /** Read when the route is needed: Express knows it only once the request is routed. */
  request: Request;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** A caller's id is kept when it looks like one (a proxy's or a client's trace id); anything else is replaced. */
const ACCEPTABLE_ID = /^[\w.:-]{1,100}$/;

/**
 * Gives each request an id (the caller's `X-Request-Id`, or a new one), answers it in the same
 * header, and keeps it for the log lines written while the request is served.
 */
export const requestContextMiddleware = (request: Request, response: Response, next: NextFunction): void => {
  const given = request.header('x-request-id');
  const requestId = given !== undefined && ACCEPTABLE_ID.test(given) ? given : randomUUID();
  response.setHeader('X-Request-Id', requestId);
  storage.run({ requestId, request }, next);
};

export const currentRequestContext = (): RequestContext | undefined => storage.getStore();

/**
 * The route pattern of the request being served (`POST /api/tasks/:id/claim`), `unrouted` before
 * routing or for a path no route matches, and `background` outside a request (jobs, listeners).
 */
export const currentRoute = (): string => {
  const request = storage.getStore()?.request;
  if (request === undefined) return 'background';
  const route = (request as { route?: { path?: unknown } }).route;
  return typeof route?.path === 'string' ? `${request.method} ${route.path}` : 'unrouted';
};

/** Names the instance the current request works on (a no-op outside a request, e.g. in the job runner). */
export const noteInstance = (instanceId: string): void => {
  const context = storage.getStore();
  if (context !== undefined) context.instanceId = instanceId;
};
