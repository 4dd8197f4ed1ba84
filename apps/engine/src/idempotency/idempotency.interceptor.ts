import { randomUUID } from 'node:crypto';
import { type CallHandler, type ExecutionContext, Inject, Injectable, Logger, type NestInterceptor } from '@nestjs/common';
import type { Clock } from '#engine';
import { IdempotencyKeyRepository, idempotencyKeyInProgress, type IdempotencyClaim, type StoredAnswer } from '#persistence';
import type { Response } from 'express';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/authenticated-request.js';
import { toErrorBody } from '../common/domain-exception.filter.js';
import { CLOCK } from '../common/engine-ports.js';
import { IdempotentReplay } from '../common/idempotent-replay.js';
import { STATUS_FOR_CODE, type StatusForCode } from '../common/status-for-code.js';
import { IDEMPOTENCY_KEEP_MS, IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_LEASE_MS, keyReused, parseIdempotencyKey, requestHash } from './idempotency-key.js';

/** A request that holds its Idempotency-Key while it runs (see KeyedRequest). */
export interface IdempotentHttpRequest extends AuthenticatedRequest {
  idempotencyClaim?: IdempotencyClaim;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Log-in, refresh and log-out change a session, not data: a key there is ignored. */
const SESSION_PATHS = /^\/api\/auth\//;

/** Headers of a first answer that its replay repeats. */
const REPLAYED_HEADERS = ['location'];

/**
 * The Idempotency-Key header on every state-changing endpoint of a signed-in caller (README,
 * "Retries and duplicates"): the key is claimed before the command runs; the answer (2xx and 4xx)
 * is stored and replayed for 24 hours to the same caller for the same method, path and body; the
 * key is let go after a 5xx so the client may retry. A case start stores its answer in the case's
 * own commit (InstancesService), so a start that committed always has its answer stored.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);

  constructor(
    private readonly keys: IdempotencyKeyRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(STATUS_FOR_CODE) private readonly statusForCode: StatusForCode,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<IdempotentHttpRequest>();
    const header = request.header(IDEMPOTENCY_KEY_HEADER);
    const { principal } = request;
    if (header === undefined || principal === undefined || !STATE_CHANGING.has(request.method) || SESSION_PATHS.test(request.path)) return next.handle();
    const response = context.switchToHttp().getResponse<Response>();
    return from(this.claim(request, `${principal.kind}:${principal.id}`, parseIdempotencyKey(header))).pipe(
      mergeMap((claim) => {
        request.idempotencyClaim = claim;
        return next.handle().pipe(
          mergeMap(async (body: unknown) => {
            await this.store(claim, { status: response.statusCode, headers: replayedHeaders(response), body: body === undefined ? null : JSON.stringify(body) });
            return body;
          }),
          catchError(async (error: unknown) => {
            const answer = toErrorBody(error, this.statusForCode);
            if (answer.statusCode >= 500) await this.release(claim);
            else await this.store(claim, { status: answer.statusCode, headers: {}, body: JSON.stringify(answer) });
            throw error;
          }),
        );
      }),
    );
  }

  private async claim(request: IdempotentHttpRequest, principal: string, key: string): Promise<IdempotencyClaim> {
    const fingerprint = { principal, key, method: request.method, path: request.originalUrl, requestHash: requestHash(request.body) };
    const outcome = await this.keys.claim(fingerprint, randomUUID(), { now: this.clock.now(), keepMs: IDEMPOTENCY_KEEP_MS, leaseMs: IDEMPOTENCY_LEASE_MS });
    if (outcome.kind === 'claimed') return outcome.claim;
    const first = outcome.request;
    if (first.method !== fingerprint.method || first.path !== fingerprint.path || first.requestHash !== fingerprint.requestHash) throw keyReused(key);
    if (outcome.answer === null) throw idempotencyKeyInProgress(key);
    throw new IdempotentReplay(outcome.answer);
  }

  /** The command ran: failing to store its answer must not turn its answer into an error (the claim lapses after its lease). */
  private async store(claim: IdempotencyClaim, answer: StoredAnswer): Promise<void> {
    try {
      await this.keys.answer(claim, answer, this.clock.now());
    } catch (error) {
      this.logger.error(`The answer to Idempotency-Key '${claim.key}' was not stored: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async release(claim: IdempotencyClaim): Promise<void> {
    try {
      await this.keys.release(claim);
    } catch (error) {
      this.logger.error(`Idempotency-Key '${claim.key}' was not let go after a server error: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

const replayedHeaders = (response: Response): Record<string, string> =>
  Object.fromEntries(REPLAYED_HEADERS.flatMap((name) => (response.hasHeader(name) ? [[name, String(response.getHeader(name))]] : [])));
