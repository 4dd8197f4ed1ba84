import { describe, expect, it } from '@jest/globals';
import { isDomainError } from '#core';
import { parseAnalyticsQuery, type RawQuery } from './analytics-query.js';

const VERSION = '00000000-0000-4000-8000-00000000a001';
const OTHER = '00000000-0000-4000-8000-00000000a002';

const failure = (query: RawQuery): { code: string; details: unknown } => {
  try {
    parseAnalyticsQuery(query, undefined);
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('parseAnalyticsQuery', () => {
  it('reads versions, the window, segments and the KPI settings', () => {
    const sut = parseAnalyticsQuery(
      {
        processVersionId: [VERSION, OTHER],
        from: '2026-01-01',
        to: '2026-02-01T00:00:00Z',
        'segment.channel': 'phone',
        'segment.region': 'north',
        firstResponseSlaMinutes: '120',
        repeatWindowDays: '14',
        firstTierLanes: 'first-line,front-desk',
      },
      undefined,
    );

    expect(sut).toMatchObject({
      processVersionIds: [VERSION, OTHER],
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-02-01T00:00:00Z'),
      segments: { channel: 'phone', region: 'north' },
      format: 'json',
      kpi: { firstResponseSlaMs: 2 * 3_600_000, resolutionSlaMs: 4 * 3_600_000, repeatWindowMs: 14 * 86_400_000, firstTierLanes: ['first-line', 'front-desk'] },
    });
  });

  it('takes comma-separated versions and CSV from the Accept header', () => {
    const sut = parseAnalyticsQuery({ processVersionId: `${VERSION},${OTHER}` }, 'text/csv');

    expect(sut).toMatchObject({ processVersionIds: [VERSION, OTHER], format: 'csv' });
  });

  it('refuses bad input naming the field', () => {
    expect(failure({ processVersionId: VERSION, from: '2026-13-45' })).toEqual({ code: 'ANALYTICS_QUERY_INVALID', details: { field: 'from' } });
    expect(failure({ processVersionId: VERSION, to: 'tomorrow' }).details).toEqual({ field: 'to' });
    expect(failure({ processVersionId: VERSION, from: '2026-02-01', to: '2026-01-01' }).details).toEqual({ field: 'to' });
    expect(failure({ processVersionId: 'v1' }).details).toEqual({ field: 'processVersionId' });
    expect(failure({}).details).toEqual({ field: 'processVersionId' });
    expect(failure({ processKey: 'service', colour: 'red' }).details).toEqual({ field: 'colour' });
    expect(failure({ processKey: 'service', 'segment.': 'x' }).details).toEqual({ field: 'segment.' });
    expect(failure({ processKey: 'service', format: 'xml' }).details).toEqual({ field: 'format' });
    expect(failure({ processKey: 'service', resolutionSlaMinutes: '-5' }).details).toEqual({ field: 'resolutionSlaMinutes' });
    expect(failure({ processKey: ['a', 'b'] }).details).toEqual({ field: 'processKey' });
  });
});
