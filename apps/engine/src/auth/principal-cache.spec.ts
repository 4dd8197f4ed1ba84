import { describe, expect, it } from '@jest/globals';
import type { IdentityChanges } from '#persistence';
import type { Principal } from './principal.js';
import { PrincipalCache } from './principal-cache.js';

const kim: Principal = { kind: 'user', id: 'u1', name: 'kim', displayName: null, roles: ['agent'], groups: [] };
const kimPromoted: Principal = { ...kim, roles: ['agent', 'analyst'] };

/** Listening itself is the IdentityChanges' (tested against PostgreSQL): here the cache is told directly. */
const cacheHearing = (heard = true): PrincipalCache => {
  const sut = new PrincipalCache({} as IdentityChanges);
  sut.hearing(heard);
  return sut;
};

/** A load that answers the given principals in turn and counts its calls. */
const loads = (...answers: Principal[]) => {
  const counter = { calls: 0, load: async () => answers[Math.min(counter.calls++, answers.length - 1)]! };
  return counter;
};

describe('PrincipalCache', () => {
  it('loads credentials once while nothing changes', async () => {
    // given a cache that hears changes
    const sut = cacheHearing();
    const source = loads(kim);
    // when the same credentials come twice
    const first = await sut.principal('token a', source.load);
    const second = await sut.principal('token a', source.load);
    // then the second is answered from memory
    expect([first, second, source.calls]).toEqual([kim, kim, 1]);
  });

  it('loads afresh after a change', async () => {
    // given a cached principal
    const sut = cacheHearing();
    const source = loads(kim, kimPromoted);
    await sut.principal('token a', source.load);
    // when identities change
    sut.changed();
    // then the next request reads the new roles
    expect(await sut.principal('token a', source.load)).toEqual(kimPromoted);
    expect(source.calls).toBe(2);
  });

  it('does not keep a principal read before a change that came while it was read', async () => {
    // given a load that is overtaken by a change
    const sut = cacheHearing();
    let calls = 0;
    const load = async () => {
      calls++;
      if (calls === 1) sut.changed();
      return kim;
    };
    // when it answers, then the next request reads again
    await sut.principal('token a', load);
    await sut.principal('token a', load);
    expect(calls).toBe(2);
  });

  it('caches nothing while changes are not heard (listening lost), and again once they are', async () => {
    // given a cache whose listening connection is down
    const sut = cacheHearing(false);
    const source = loads(kim);
    // when the same credentials come twice, then both are read
    await sut.principal('token a', source.load);
    await sut.principal('token a', source.load);
    expect(source.calls).toBe(2);
    // and once the connection is back, they are cached again
    sut.hearing(true);
    await sut.principal('token a', source.load);
    await sut.principal('token a', source.load);
    expect(source.calls).toBe(3);
  });

  it('never caches a refusal', async () => {
    // given credentials refused once
    const sut = cacheHearing();
    let calls = 0;
    const load = async () => {
      calls++;
      if (calls === 1) throw new Error('refused');
      return kim;
    };
    // when they come again, then they are read again
    await expect(sut.principal('token a', load)).rejects.toThrow('refused');
    expect(await sut.principal('token a', load)).toEqual(kim);
    expect(calls).toBe(2);
  });
});
