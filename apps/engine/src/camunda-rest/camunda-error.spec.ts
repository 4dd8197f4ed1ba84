import { describe, expect, it } from '@jest/globals';
import { camundaErrorOf } from './camunda-error.js';

describe('camundaErrorOf', () => {
  it("answers Tandem's errors with Camunda's status and exception type, Tandem's code beside them", () => {
    const sut = (status: number, code: string) => {
      const { status: answered, body } = camundaErrorOf(status, code, 'm');
      return `${answered} ${body.type} ${body.tandemCode}`;
    };
    expect(sut(400, 'CAMUNDA_INVALID_REQUEST')).toBe('400 InvalidRequestException CAMUNDA_INVALID_REQUEST');
    expect(sut(422, 'VARIABLES_INVALID')).toBe('400 InvalidRequestException VARIABLES_INVALID');
    expect(sut(401, 'AUTHENTICATION_REQUIRED')).toBe('401 AuthenticationException AUTHENTICATION_REQUIRED');
    expect(sut(403, 'ACCESS_DENIED')).toBe('403 AuthorizationException ACCESS_DENIED');
    expect(sut(404, 'EXTERNAL_TASK_NOT_FOUND')).toBe('404 RestException EXTERNAL_TASK_NOT_FOUND');
    expect(sut(409, 'EXTERNAL_TASK_NOT_LOCKED')).toBe('400 RestException EXTERNAL_TASK_NOT_LOCKED');
    expect(sut(409, 'ACTIVITY_NOT_ACTIVE')).toBe('404 RestException ACTIVITY_NOT_ACTIVE');
    expect(sut(409, 'REVISION_CONFLICT')).toBe('500 OptimisticLockingException REVISION_CONFLICT');
    expect(sut(404, 'MESSAGE_SUBSCRIPTION_NOT_FOUND')).toBe('400 MismatchingMessageCorrelationException MESSAGE_SUBSCRIPTION_NOT_FOUND');
    expect(sut(500, 'INTERNAL_ERROR')).toBe('500 ProcessEngineException INTERNAL_ERROR');
  });

  it("answers a refused model as Camunda's ParseException, its problems by element", () => {
    const sut = camundaErrorOf(422, 'BPMN_INVALID', 'The model has errors', {
      problems: [
        { elementId: 'task-1', rule: 'no-topic', severity: 'error', message: 'A service task needs a topic' },
        { elementId: null, rule: 'label', severity: 'warning', message: 'Unnamed' },
      ],
    });
    expect(sut).toEqual({
      status: 400,
      body: {
        type: 'ParseException',
        message: 'The model has errors',
        tandemCode: 'BPMN_INVALID',
        details: {
          deployment: {
            errors: [{ message: 'A service task needs a topic', line: null, column: null, mainElementId: 'task-1', elementIds: ['task-1'] }],
            warnings: [{ message: 'Unnamed', line: null, column: null, mainElementId: null, elementIds: [] }],
          },
        },
      },
    });
  });
});
