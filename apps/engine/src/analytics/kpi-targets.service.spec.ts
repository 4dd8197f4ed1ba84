import { describe, expect, it } from '@jest/globals';
import { DomainError } from '#core';
import { parseKpiTargets } from './kpi-targets.service.js';

const fieldOf = (body: unknown): unknown => {
  try {
    parseKpiTargets(body);
  } catch (error) {
    return error instanceof DomainError ? error.details?.field : error;
  }
  return undefined;
};

describe('parseKpiTargets', () => {
  it('keeps the numbers of known KPIs and drops nulls', () => {
    // when
    const sut = parseKpiTargets({ fcr: { baseline: 0.68, target: 0.85 }, leadTimeP90: { baseline: null, target: 24 } });

    // then
    expect(sut).toEqual({ fcr: { baseline: 0.68, target: 0.85 }, leadTimeP90: { target: 24 } });
  });

  it.each([
    [null, 'body'],
    ['fcr', 'body'],
    [{ speed: { target: 1 } }, 'speed'],
    [{ fcr: [0.8] }, 'fcr'],
    [{ fcr: { target: '0.8' } }, 'fcr.target'],
    [{ fcr: { target: Number.POSITIVE_INFINITY } }, 'fcr.target'],
    [{ fcr: { aim: 0.8 } }, 'fcr.aim'],
    [{}, 'body'],
    [{ nps: {} }, 'nps'],
    [{ nps: { baseline: null, target: null } }, 'nps'],
  ])('refuses %j naming %s', (body, field) => {
    expect(fieldOf(body)).toBe(field);
  });
});
