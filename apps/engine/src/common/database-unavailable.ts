/** What a client is told to wait before trying again when the database is out of reach. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * SQLSTATEs meaning "the database cannot do this now" rather than "this request is wrong":
 * class 08 (connection exception) by prefix, and the server shutting down (57P01-57P03), out of
 * connections or resources (53000, 53300), a statement or lock wait that ran past its budget
 * (57014, 55P03) and a session ended for idling in a transaction (25P03).
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53000', '53300', '57014', '55P03', '25P03']);

/** Node's socket errors when the server cannot be reached or drops the connection. */
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** pg and pg-pool raise these as plain Errors, without a code. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect$/,
  // a bare pg.Client's own connect timeout (pg-pool wraps it as "Connection terminated due to connection timeout")
  /^timeout expired$/,
  /^Query read timeout$/,
  /is not queryable$/,
  /^Cannot use a pool after calling end on the pool$/,
];

/** Wrappers met on the way: TypeORM's QueryFailedError (driverError), `cause`, and AggregateError (one try per address). */
const MAX_DEPTH = 5;

/**
 * Whether an error means the database is out of reach (down, frozen, shutting down, full or too
 * slow), in pg's, pg-pool's, Node's or TypeORM's shape; such a request answers 503, not 500.
 */
export const isDatabaseUnavailable = (error: unknown, depth = 0): boolean => {
  if (depth > MAX_DEPTH || typeof error !== 'object' || error === null) return false;
  const { code, message, driverError, cause, errors } = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code) || UNAVAILABLE_SOCKET_CODES.has(code))) return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
  const inner = [driverError, cause, ...(Array.isArray(errors) ? errors : [])];
  return inner.some((wrapped) => isDatabaseUnavailable(wrapped, depth + 1));
};
