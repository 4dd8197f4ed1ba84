import type { Request } from 'express';
import type { Principal } from './principal.js';

/** A request after the AccessGuard: the caller is attached for the handler. */
export interface AuthenticatedRequest extends Request {
  principal?: Principal;
}
