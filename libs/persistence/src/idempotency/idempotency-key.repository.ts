import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Sql } from '../sql.js';

/** The request a key was first used for: a second use must match it to be replayed. */
export interface IdempotentRequest {
  /** Who sent it (`user:<id>` or `apiKey:<id>`): a key belongs to its caller alone. */
  principal: string;
  key: string;
  method: string;
  path: string;
  /** SHA-256 of the request body. */
  requestHash: string;
}

/** The answer a keyed request got, as replayed: status, the headers worth repeating, the JSON body text. */
export interface StoredAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

/** One use of a key: this attempt holds it until it stores its answer or lets go. */
export interface IdempotencyClaim extends IdempotentRequest {
  attempt: string;
}

/** What the claim found: the key is this attempt's now, or an earlier request holds it (running, or answered). */
export type ClaimOutcome = { kind: 'claimed'; claim: IdempotencyClaim } | { kind: 'held'; request: IdempotentRequest; answer: StoredAnswer | null };

export interface ClaimTimes {
  now: Date;
  /** How long the answer is replayed. */
  keepMs: number;
  /** A claim older than this with no answer is taken to be abandoned (its engine died) and may be taken over. */
  leaseMs: number;
}

/**
 * Idempotency keys (issue 17 point 2). A key is claimed before the command runs (its own short
 * statement, so a retry can see the command is still running), then answered, or let go when the
 * command failed in a way the client may retry. A case start answers the key in the statement that
 * commits the case (see `commitStatement`), so the two can never be parted.
 */
@Injectable()
export class IdempotencyKeyRepository {
  private readonly sql: Sql;

  constructor(dataSource: DataSource) {
    this.sql = new Sql(dataSource);
  }

  /**
   * Claims the key for a new attempt: a new key, one whose answer expired, or the same request's
   * claim that was abandoned past its lease. Otherwise answers what holds it.
   */
  async claim(request: IdempotentRequest, attempt: string, { now, keepMs, leaseMs }: ClaimTimes): Promise<ClaimOutcome> {
    const claimed = await this.sql.rows<{ attempt: string }>(
      `INSERT INTO idempotency_key (principal, key, method, path, request_hash, attempt, claimed_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (principal, key) DO UPDATE
         SET method = EXCLUDED.method, path = EXCLUDED.path, request_hash = EXCLUDED.request_hash, attempt = EXCLUDED.attempt,
             claimed_at = EXCLUDED.claimed_at, expires_at = EXCLUDED.expires_at, status = NULL, headers = NULL, body = NULL, completed_at = NULL
         WHERE idempotency_key.expires_at <= EXCLUDED.claimed_at
            OR (idempotency_key.status IS NULL AND idempotency_key.claimed_at <= $9
                AND (idempotency_key.method, idempotency_key.path, idempotency_key.request_hash) = (EXCLUDED.method, EXCLUDED.path, EXCLUDED.request_hash))
       RETURNING attempt`,
      [request.principal, request.key, request.method, request.path, request.requestHash, attempt, now, new Date(now.getTime() + keepMs), new Date(now.getTime() - leaseMs)],
    );
    if (claimed[0]?.attempt === attempt) return { kind: 'claimed', claim: { ...request, attempt } };
    const held = await this.sql.rows<IdempotentRequest & { status: number | null; headers: Record<string, string> | null; body: string | null }>(
      `SELECT principal, key, method, path, request_hash AS "requestHash", status, headers, body
       FROM idempotency_key WHERE principal = $1 AND key = $2`,
      [request.principal, request.key],
    );
    // Gone between the two statements (purged): as good as running, the client's retry claims it.
    if (held.length === 0) return { kind: 'held', request, answer: null };
    const { status, headers, body, ...first } = held[0];
    return { kind: 'held', request: first, answer: status === null ? null : { status, headers: headers ?? {}, body } };
  }

  /** Stores the attempt's answer; a no-op when it is stored already (a case start stores it with the case) or the claim was lost. */
  async answer(claim: IdempotencyClaim, answer: StoredAnswer, now: Date): Promise<void> {
    await this.sql.rows(
      `UPDATE idempotency_key SET status = $4, headers = $5::jsonb, body = $6, completed_at = $7
       WHERE principal = $1 AND key = $2 AND attempt = $3 AND status IS NULL`,
      [claim.principal, claim.key, claim.attempt, answer.status, JSON.stringify(answer.headers), answer.body, now],
    );
  }

  /** Lets go of an unanswered claim, so the client may try again with the same key (after a 5xx). */
  async release(claim: IdempotencyClaim): Promise<void> {
    await this.sql.rows(`DELETE FROM idempotency_key WHERE principal = $1 AND key = $2 AND attempt = $3 AND status IS NULL`, [claim.principal, claim.key, claim.attempt]);
  }

  /** Forgets keys whose replay window has passed, in batches; answers how many went. */
  async purgeExpired(now: Date): Promise<number> {
    let purged = 0;
    for (;;) {
      const rows = await this.sql.rows(
        `DELETE FROM idempotency_key WHERE (principal, key) IN (
           SELECT principal, key FROM idempotency_key WHERE expires_at <= $1 ORDER BY expires_at LIMIT 1000)
         RETURNING key`,
        [now],
      );
      purged += rows.length;
      if (rows.length < 1000) return purged;
    }
  }
}
