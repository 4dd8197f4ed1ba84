import { createHash } from 'node:crypto';
import { DomainError } from '#core';
import type { Clock, InstanceState } from '#engine';
import type { IdempotencyClaim, IdempotentAnswerRow } from '#persistence';
import { IDEMPOTENCY_ERRORS } from './idempotency-errors.js';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** How long an answer is replayed for its key. */
export const IDEMPOTENCY_KEEP_MS = 24 * 60 * 60_000;

/**
 * A claim with no answer after this long belongs to a request whose engine died: the same request
 * may take the key over. Far above any request's run time under the database budget (about 30 s
 * with the default TANDEM_DB_* timeouts), so a slow request is never run twice; short enough that
 * a key whose release was lost in a database outage blocks its client's retries only briefly.
 */
export const IDEMPOTENCY_LEASE_MS = 2 * 60_000;

const MAX_KEY_LENGTH = 255;

/** Visible ASCII only: what a UUID, a ULID or any client's random token is made of. */
const KEY_PATTERN = /^[\x21-\x7e]+$/;

/**
 * The key of an `Idempotency-Key` header: 1 to 255 visible ASCII characters, optionally quoted as
 * the IETF draft writes it (a structured-field string). Anything else is IDEMPOTENCY_KEY_INVALID.
 */
export const parseIdempotencyKey = (header: string): string => {
  const key = header.length >= 2 && header.startsWith('"') && header.endsWith('"') ? header.slice(1, -1) : header;
  if (key.length === 0 || key.length > MAX_KEY_LENGTH || !KEY_PATTERN.test(key)) {
    throw new DomainError(
      IDEMPOTENCY_ERRORS.keyInvalid,
      `Header ${IDEMPOTENCY_KEY_HEADER} must be 1 to ${MAX_KEY_LENGTH} visible ASCII characters (e.g. a UUID); got ${key.length} characters`,
      { header: IDEMPOTENCY_KEY_HEADER },
    );
  }
  return key;
};

/** SHA-256 of the body as canonical JSON (keys sorted), so the same body in another key order is the same request. */
export const requestHash = (body: unknown): string => createHash('sha256').update(canonicalJson(body)).digest('hex');

const canonicalJson = (value: unknown): string => {
  if (value === undefined) return '';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, item]) => `${JSON.stringify(name)}:${canonicalJson(item)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
};

/**
 * With a claimed Idempotency-Key, a start's answer (201 and `bodyOf` the new case, exactly as it is
 * sent), for the start to write in the statement that commits the case; none without a key.
 */
export const keyedAnswer = (
  claim: IdempotencyClaim | undefined,
  bodyOf: (state: InstanceState) => unknown,
  clock: Clock,
): ((state: InstanceState) => IdempotentAnswerRow) | undefined =>
  claim &&
  ((state) => ({
    principal: claim.principal,
    key: claim.key,
    attempt: claim.attempt,
    status: 201,
    headers: {},
    body: JSON.stringify(bodyOf(state)),
    completed_at: clock.now().toISOString(),
  }));

export const keyReused = (key: string): DomainError =>
  new DomainError(IDEMPOTENCY_ERRORS.keyReused, `Idempotency-Key '${key}' was used before for another request (method, path or body differ); use a new key for a new request`, {
    key,
  });
