import type { Request, Response } from 'express';
import { DomainError } from '#core';
import { AUTH_ERRORS } from '../auth/auth-errors.js';
import type { Authenticator } from '../auth/authenticator.service.js';
import type { UserRole } from '#persistence';
import { isAdmin } from '../auth/principal.js';
import { openEventStream } from './event-stream.js';
import type { TaskEvents, Watched } from './task-events.service.js';

/** What one of the event streams (the tasklist's, the insights') needs: the role it is for, its route as the refusal names it, and what it follows. */
export interface WatchedStream {
  role: UserRole;
  endpoint: string;
  watches: Watched;
}

/** Opens an event stream for the ticket's user, who must hold the stream's role (or be an admin), and says `ready`. */
export async function openWatchedStream(
  authenticator: Authenticator,
  events: TaskEvents,
  { role, endpoint, watches }: WatchedStream,
  ticket: string | undefined,
  request: Request,
  response: Response,
): Promise<void> {
  const principal = await authenticator.authenticateTicket(ticket);
  if (!principal.roles.includes(role) && !isAdmin(principal)) {
    throw new DomainError(AUTH_ERRORS.accessDenied, `${endpoint} needs the role ${role}; ${principal.name} has ${principal.roles.join(', ') || 'no role'}`);
  }
  let unsubscribe: () => void = () => undefined;
  const sink = openEventStream(request, response, () => unsubscribe());
  unsubscribe = events.subscribe(principal, sink, watches);
  // (a stream ended at once, the app closing, takes no event)
  sink.send('ready', { user: principal.name });
}
