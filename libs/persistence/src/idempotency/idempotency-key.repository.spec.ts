import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startInstance } from '#engine';
import { PersistenceScenario } from '../../../../test/e2e/support/persistence-scenario.js';
import { IdempotencyKeyRepository, type IdempotentRequest } from './idempotency-key.repository.js';

const KEEP_MS = 24 * 60 * 60_000;
const LEASE_MS = 2 * 60_000;

describe('IdempotencyKeyRepository', () => {
  let scenario: PersistenceScenario;
  let sut: IdempotencyKeyRepository;

  beforeAll(async () => {
    scenario = await PersistenceScenario.open();
    sut = new IdempotencyKeyRepository(scenario.dataSource);
  });

  afterAll(async () => {
    await scenario?.close();
  });

  const request = (overrides: Partial<IdempotentRequest> = {}): IdempotentRequest => ({
    principal: 'user:1',
    key: randomUUID(),
    method: 'POST',
    path: '/api/processes/review-and-check/instances',
    requestHash: 'hash-1',
    ...overrides,
  });
  const times = () => ({ now: scenario.clock.now(), keepMs: KEEP_MS, leaseMs: LEASE_MS });
  const claimed = async (fingerprint: IdempotentRequest) => {
    const outcome = await sut.claim(fingerprint, randomUUID(), times());
    if (outcome.kind !== 'claimed') throw new Error('expected the key to be free');
    return outcome.claim;
  };
  const startResult = () =>
    startInstance(scenario.version.graph, { type: 'start', instanceId: randomUUID(), processVersionId: scenario.version.id, variables: {} }, scenario.ports);
  const answerOf = (claim: Awaited<ReturnType<typeof claimed>>, body: string) => ({
    principal: claim.principal,
    key: claim.key,
    attempt: claim.attempt,
    status: 201,
    headers: {},
    body,
    completed_at: scenario.clock.now().toISOString(),
  });

  it('shows a second use of a running claim as held without an answer, and then the stored answer', async () => {
    // given a claimed key
    const fingerprint = request();
    const claim = await claimed(fingerprint);
    // when the key is used again while it runs, and after its answer was stored
    const running = await sut.claim(fingerprint, randomUUID(), times());
    await sut.answer(claim, { status: 200, headers: { location: '/x' }, body: '{"a":1}' }, scenario.clock.now());
    const answered = await sut.claim(fingerprint, randomUUID(), times());
    // then the first sees it running, the second gets the answer
    expect(running).toEqual({ kind: 'held', request: fingerprint, answer: null });
    expect(answered).toEqual({ kind: 'held', request: fingerprint, answer: { status: 200, headers: { location: '/x' }, body: '{"a":1}' } });
  });

  it('writes a start’s answer in the statement that commits the case', async () => {
    // given a claimed key
    const claim = await claimed(request());
    // when a case commits with the key's answer, and nothing else stores it
    const result = startResult();
    await scenario.instances.commit(result, null, { idempotentAnswer: answerOf(claim, `{"id":"${result.state.id}"}`) });
    // then the key answers with the case
    const again = await sut.claim(claim, randomUUID(), times());
    expect(again).toMatchObject({ kind: 'held', answer: { status: 201, body: `{"id":"${result.state.id}"}` } });
  });

  it('commits no case for an attempt whose claim was taken over, answering IDEMPOTENCY_KEY_IN_PROGRESS', async () => {
    // given a claim abandoned past its lease and taken over by a retry of the same request
    const fingerprint = request();
    const abandoned = await claimed(fingerprint);
    scenario.clock.advance(LEASE_MS + 1);
    const retry = await sut.claim(fingerprint, randomUUID(), times());
    expect(retry.kind).toBe('claimed');
    // when the abandoned attempt commits its case after all
    const result = startResult();
    const late = scenario.instances.commit(result, null, { idempotentAnswer: answerOf(abandoned, '{}') });
    // then nothing is written
    await expect(late).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_IN_PROGRESS' });
    expect(await scenario.instances.load(result.state.id)).toBeNull();
  });

  it('lets no other request take over an abandoned claim', async () => {
    // given a claim abandoned past its lease
    const fingerprint = request();
    await claimed(fingerprint);
    scenario.clock.advance(LEASE_MS + 1);
    // when another body comes with the key
    const other = await sut.claim({ ...fingerprint, requestHash: 'hash-2' }, randomUUID(), times());
    // then the key stays the first request's
    expect(other).toEqual({ kind: 'held', request: fingerprint, answer: null });
  });

  it('lets a key go after a server error, and forgets answered keys once they expired', async () => {
    // given a released claim and an answered one
    const released = await claimed(request());
    await sut.release(released);
    const answered = await claimed(request());
    await sut.answer(answered, { status: 201, headers: {}, body: null }, scenario.clock.now());
    // when the released key is claimed again, and the answered one after its 24 hours were purged
    const reclaimed = await sut.claim(released, randomUUID(), times());
    scenario.clock.advance(KEEP_MS);
    const purged = await sut.purgeExpired(scenario.clock.now());
    // then both are free
    expect(reclaimed.kind).toBe('claimed');
    expect(purged).toBeGreaterThanOrEqual(2);
    expect(await scenario.count('idempotency_key', 'key = $1', [answered.key])).toBe(0);
  });
});
