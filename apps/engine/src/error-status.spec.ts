import { describe, expect, it } from '@jest/globals';
import { statusForCode } from './error-status.js';

describe('statusForCode', () => {
  it.each([
    ['BPMN_MALFORMED', 400],
    ['ASSIGNEE_NOT_CANDIDATE', 400],
    ['KPI_TARGETS_INVALID', 400],
    ['REFRESH_COOKIE_MISSING', 401],
    ['TASK_CLAIMED_BY_OTHER', 403],
    ['CASE_ACCESS_ENDED', 403],
    ['PROCESS_NOT_FOUND', 404],
    ['EXPERIMENT_NOT_FOUND', 404],
    ['REVISION_CONFLICT', 409],
    ['BUSINESS_KEY_TAKEN', 409],
    ['IDEMPOTENCY_KEY_IN_PROGRESS', 409],
    ['EXPERIMENT_NOT_ROUTING', 409],
    ['DECISION_NOT_FOUND', 422],
    ['IDEMPOTENCY_KEY_REUSED', 422],
    ['STATISTICS_INPUT_INVALID', 422],
    ['SIMULATION_NO_POOL', 422],
    ['LOGIN_THROTTLED', 429],
    ['HEADERS_TOO_LARGE', 431],
    ['DATABASE_UNAVAILABLE', 503],
  ])('keeps %s at %i', (code, status) => {
    // when the status of a code is asked, then it is the one the API has always answered
    expect(statusForCode(code)).toBe(status);
  });

  it('answers a code no error object holds with 500, whatever its name', () => {
    // when codes outside every union are asked (the map itself is checked whole at compile time)
    const sut = ['SOMETHING_NEW', 'SOMETHING_NOT_FOUND', 'constructor'].map(statusForCode);
    // then each is a server error
    expect(sut).toEqual([500, 500, 500]);
  });
});
