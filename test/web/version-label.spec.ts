import { describe, expect, it } from '@jest/globals';
import { busiestVersion, insightsHash, readInsightsState } from '../../apps/web/src/insights/insights-state.js';
import { versionLabel } from '../../apps/web/src/versions/version-label.js';

const version = { key: 'customer-service', version: 2, tag: 'to-be', deployedAt: '2026-11-03T10:15:00.000Z', deployedBy: 'dora' };

describe('the version label every picker shows', () => {
  it('names key, version, tag, day and deployer', () => {
    // when a tagged version deployed by dora is labeled
    const sut = versionLabel(version, 'UTC');
    // then it reads as the pickers show it
    expect(sut).toBe('customer-service · v2 · to-be · deployed 3 Nov by dora');
  });

  it('leaves the tag out when there is none, and says when the engine deployed it at start-up', () => {
    // when an untagged start-up version is labeled
    const sut = versionLabel({ ...version, version: 1, tag: null, deployedBy: null }, 'UTC');
    // then
    expect(sut).toBe('customer-service · v1 · deployed 3 Nov at start-up');
  });

  it('names the day in the time zone given', () => {
    // when a version deployed late on 3 Nov UTC is labeled in Tokyo
    const sut = versionLabel({ ...version, deployedAt: '2026-11-03T20:00:00.000Z' }, 'Asia/Tokyo');
    // then it is the 4th there
    expect(sut).toBe('customer-service · v2 · to-be · deployed 4 Nov by dora');
  });
});

describe('the insights view in the URL', () => {
  it('writes every field in a fixed order and reads it back', () => {
    // given a view with a segment and a window
    const view = {
      process: 'customer-service',
      version: 'v-1',
      measure: 'waiting',
      statistic: 'p90',
      from: '2026-11-01',
      to: '2026-11-30',
      segmentVariable: 'channel',
      segmentValue: 'phone',
    };
    // when it is written to a hash and read back
    const hash = insightsHash(view);
    // then it is the same view
    expect(hash).toBe('#/insights?process=customer-service&version=v-1&measure=waiting&statistic=p90&from=2026-11-01&to=2026-11-30&segmentVariable=channel&segmentValue=phone');
    expect(readInsightsState(hash)).toEqual(view);
  });

  it('is the bare page without state, and ignores empty and unknown parameters', () => {
    // when / then
    expect(insightsHash({})).toBe('#/insights');
    expect(readInsightsState('#/insights')).toEqual({});
    expect(readInsightsState('#/insights?process=&color=red&statistic=mean')).toEqual({ statistic: 'mean' });
  });
});

describe('the version the insights open on', () => {
  it('is the one with the most ended cases, the newest among equals', () => {
    // given v1 with 3 ended cases, v2 with none and v3 with 3
    const counts = [
      { id: 'a', version: 1, endedCases: 3 },
      { id: 'b', version: 2, endedCases: 0 },
      { id: 'c', version: 3, endedCases: 3 },
    ];
    // when / then
    expect(busiestVersion(counts)).toBe('c');
    expect(busiestVersion(counts.slice(0, 2))).toBe('a');
  });

  it('is the newest when nothing ended, and none without versions', () => {
    // when / then
    expect(
      busiestVersion([
        { id: 'a', version: 1, endedCases: 0 },
        { id: 'b', version: 2, endedCases: 0 },
      ]),
    ).toBe('b');
    expect(busiestVersion([])).toBeUndefined();
  });
});
