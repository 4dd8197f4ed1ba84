import { describe, expect, it } from '@jest/globals';
import { isDomainError } from '#core';
import { bpmnErrorOf, claimOf, completeOf, extendLockOf, externalTaskQueryOf, failureOf, fetchAndLockOf, messageOf, pageOf, startOf, taskQueryOf } from './camunda-requests.js';

const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (isDomainError(error)) return error.message;
    throw error;
  }
  throw new Error('not refused');
};

describe('Camunda request bodies', () => {
  it('reads fetchAndLock as the JS client sends it', () => {
    // when a body with the client's fields (usePriority included) is read
    const sut = fetchAndLockOf({
      workerId: 'w',
      maxTasks: 10,
      usePriority: true,
      asyncResponseTimeout: 5000,
      topics: [{ topicName: 'charge', lockDuration: 30000, variables: ['amount'], processDefinitionKey: 'pay', businessKey: 'B-1' }],
    });
    // then Tandem's fetch has the topic's filters and the long-poll time
    expect(sut).toEqual({
      workerId: 'w',
      maxTasks: 10,
      asyncResponseTimeoutMs: 5000,
      topics: [{ name: 'charge', lockDurationMs: 30000, variables: ['amount'], processKey: 'pay', businessKey: 'B-1' }],
    });
  });

  it('refuses a fetch in the wrong shape, naming the field', () => {
    expect(refusal(() => fetchAndLockOf({ maxTasks: 1, topics: [{ topicName: 't', lockDuration: 1 }] }))).toBe('workerId is required and must be a non-empty string');
    expect(refusal(() => fetchAndLockOf({ workerId: 'w', maxTasks: 1 }))).toBe('topics is required: a list of {topicName, lockDuration}');
    expect(refusal(() => fetchAndLockOf({ workerId: 'w', maxTasks: 1, topics: [{ topicName: 't' }] }))).toBe('topics[0].lockDuration is required');
    expect(refusal(() => fetchAndLockOf({ workerId: 'w', maxTasks: 'ten', topics: [{ topicName: 't', lockDuration: 1 }] }))).toBe('maxTasks must be a whole number from 1 to 100');
    expect(refusal(() => fetchAndLockOf({ workerId: 'w', maxTasks: 1, asyncResponseTimeout: 1_800_001, topics: [{ topicName: 't', lockDuration: 1 }] }))).toBe(
      'asyncResponseTimeout must be a whole number from 0 to 1800000',
    );
    expect(refusal(() => fetchAndLockOf([]))).toBe('The request body must be a JSON object');
  });

  it('reads complete, failure, bpmnError and extendLock', () => {
    expect(completeOf({ workerId: 'w', variables: { a: { value: 1, type: 'Integer' } }, localVariables: { b: { value: 'x', type: 'String' } } })).toEqual({
      workerId: 'w',
      variables: { a: 1, b: 'x' },
    });
    expect(completeOf({ workerId: 'w' })).toEqual({ workerId: 'w' });
    expect(failureOf({ workerId: 'w', errorMessage: 'down', errorDetails: 'stack', retries: 2, retryTimeout: 1000 })).toEqual({
      workerId: 'w',
      errorMessage: 'down\nstack',
      retries: 2,
      retryTimeoutMs: 1000,
    });
    expect(failureOf({ workerId: 'w' }).errorMessage).toBe('The worker reported a failure without a message');
    expect(bpmnErrorOf({ workerId: 'w', errorCode: 'E', variables: { r: { value: 'x', type: 'String' } } })).toEqual({ workerId: 'w', errorCode: 'E', variables: { r: 'x' } });
    expect(extendLockOf({ workerId: 'w', newDuration: 60000 })).toEqual({ workerId: 'w', newDurationMs: 60000 });
    expect(refusal(() => bpmnErrorOf({ workerId: 'w' }))).toBe('errorCode is required and must be a non-empty string');
    expect(refusal(() => extendLockOf({ workerId: 'w', newDuration: -1 }))).toBe('newDuration must be a whole number from 1 to 604800000');
    expect(refusal(() => failureOf({ workerId: 'w', retries: -1 }))).toBe('retries must be a whole number from 0 to 1000');
  });

  it('reads a start, and refuses what Tandem cannot honor', () => {
    expect(startOf({ businessKey: 'B', variables: { a: { value: true, type: 'Boolean' } }, withVariablesInReturn: true })).toEqual({
      businessKey: 'B',
      variables: { a: true },
      withVariablesInReturn: true,
    });
    expect(startOf(undefined)).toEqual({ withVariablesInReturn: false });
    expect(refusal(() => startOf({ caseInstanceId: 'c-1' }))).toBe("caseInstanceId is not supported by Tandem's Camunda 7 API");
    expect(refusal(() => startOf({ businessKey: 7 }))).toBe('businessKey must be a string');
  });

  it('reads one startBeforeActivity instruction as startBefore, and refuses every other instruction by name', () => {
    expect(startOf({ startInstructions: [{ type: 'startBeforeActivity', activityId: 'review' }], businessKey: 'B' })).toEqual({
      businessKey: 'B',
      startBefore: 'review',
      withVariablesInReturn: false,
    });
    expect(startOf({ startInstructions: null })).toEqual({ withVariablesInReturn: false });
    const several = refusal(() =>
      startOf({
        startInstructions: [
          { type: 'startBeforeActivity', activityId: 'a' },
          { type: 'startBeforeActivity', activityId: 'b' },
        ],
      }),
    );
    expect(several).toContain('startInstructions must hold exactly one instruction');
    expect(refusal(() => startOf({ startInstructions: [] }))).toContain('startInstructions must hold exactly one instruction');
    expect(refusal(() => startOf({ startInstructions: { type: 'startBeforeActivity' } }))).toContain('startInstructions must hold exactly one instruction');
    expect(refusal(() => startOf({ startInstructions: [{ type: 'startAfterActivity', activityId: 'a' }] }))).toBe(
      "startInstructions[0].type 'startAfterActivity' is not supported by Tandem's Camunda 7 API: only startBeforeActivity is",
    );
    expect(refusal(() => startOf({ startInstructions: [{ type: 'startTransition', transitionId: 'f' }] }))).toContain("startInstructions[0].type 'startTransition'");
    expect(refusal(() => startOf({ startInstructions: [{ type: 'startBeforeActivity', activityId: 'a', variables: { x: { value: 1 } } }] }))).toContain(
      'startInstructions[0].variables is not supported',
    );
    expect(refusal(() => startOf({ startInstructions: [{ type: 'startBeforeActivity' }] }))).toBe('startInstructions[0].activityId is required and must be a non-empty string');
  });

  it('reads a message correlation on one key, and refuses what Tandem cannot correlate on', () => {
    expect(messageOf({ messageName: 'm', correlationKeys: { ticketId: { value: 'T-1', type: 'String' } }, processVariables: { a: { value: 1, type: 'Integer' } } })).toEqual({
      name: 'm',
      correlationKey: 'T-1',
      variables: { a: 1 },
      resultEnabled: false,
    });
    expect(messageOf({ messageName: 'm', businessKey: 'B', resultEnabled: true })).toEqual({ name: 'm', correlationKey: 'B', resultEnabled: true });
    expect(refusal(() => messageOf({ messageName: 'm', correlationKeys: { a: { value: 'x' }, b: { value: 'y' } } }))).toMatch(/^correlationKeys: Tandem correlates on one key/);
    expect(refusal(() => messageOf({ messageName: 'm', all: true }))).toMatch(/^all is not supported/);
    expect(refusal(() => messageOf({ messageName: 'm', businessKey: 'B', correlationKeys: { a: { value: 'x' } } }))).toBe(
      'Send businessKey or correlationKeys, not both: Tandem correlates on one key',
    );
  });

  it("reads Camunda's paging, refusing what is not a count", () => {
    expect(pageOf({})).toEqual({ offset: 0, limit: 500 });
    expect(pageOf({ firstResult: '20', maxResults: '10' })).toEqual({ offset: 20, limit: 10 });
    expect(refusal(() => pageOf({ maxResults: '-1' }))).toBe('maxResults must be a whole number from 0 to 500');
    expect(refusal(() => pageOf({ firstResult: ['1', '2'] }))).toBe('firstResult must be a whole number from 0 to 1000000');
  });

  it('reads the task filters Tandem applies and refuses the others by name; a claim is for the caller', () => {
    const instanceId = '0b7d5d5e-8d1f-4c1e-9d3a-2f1e0c9b8a7d';
    expect(taskQueryOf({ processInstanceId: instanceId, candidateGroup: 'billing', maxResults: '5' })).toEqual({ offset: 0, limit: 5, instanceId, candidateGroup: 'billing' });
    expect(refusal(() => taskQueryOf({ taskDefinitionKey: 'x', active: 'true' }))).toMatch(/^taskDefinitionKey, active: not a task filter Tandem applies/);
    expect(refusal(() => taskQueryOf({ processInstanceId: 'aProcessInstanceId' }))).toBe('processInstanceId must be a process instance id (a UUID)');
    expect(() => claimOf({ userId: 'Ana' }, 'ana')).not.toThrow();
    expect(refusal(() => claimOf({}, 'ana'))).toBe('userId is required and must be a non-empty string');
    expect(refusal(() => claimOf({ userId: 'ben' }, 'ana'))).toMatch(/^userId: ana may claim a task for themselves only/);
  });

  it('reads the common external task filters and refuses the others by name', () => {
    expect(externalTaskQueryOf({ topicName: 't', notLocked: 'true', noRetriesLeft: 'true', activityId: 'charge' })).toEqual({
      offset: 0,
      limit: 500,
      topic: 't',
      elementId: 'charge',
      locked: false,
      retriesLeft: false,
    });
    expect(refusal(() => externalTaskQueryOf({ locked: 'true', notLocked: 'true' }))).toBe('locked and notLocked exclude each other');
    expect(refusal(() => externalTaskQueryOf({ locked: 'yes' }))).toBe('locked must be true or false');
    expect(refusal(() => externalTaskQueryOf({ tenantIdIn: 'a' }))).toMatch(/^tenantIdIn: not an external task filter Tandem applies/);
  });
});
