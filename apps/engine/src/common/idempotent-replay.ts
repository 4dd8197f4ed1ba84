import type { StoredAnswer } from '#persistence';
import type { Response } from 'express';

/** Answers a replay carries, so a client can tell it from a first answer (Stripe's name). */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** A stored answer, sent again instead of running the request (raised to the exception filter, which sends it). */
export class IdempotentReplay extends Error {
  constructor(readonly answer: StoredAnswer) {
    super('Idempotent replay');
  }
}

/** The first answer to an Idempotency-Key, sent again as it was stored, marked as a replay. */
export const sendReplay = (response: Response, { answer }: IdempotentReplay): void => {
  response.status(answer.status).setHeader(REPLAYED_HEADER, 'true');
  for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value);
  if (answer.body === null) response.end();
  else response.type('application/json').send(answer.body);
};
