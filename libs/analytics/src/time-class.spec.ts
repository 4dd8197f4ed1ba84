import { describe, expect, it } from '@jest/globals';
import type { FlowNode } from '#bpmn';
import { timeClassOfNode, timeClassOfType } from './time-class.js';

const node = (fields: Record<string, unknown>): FlowNode => ({ id: 'n', incoming: [], outgoing: [], lean: {}, boundaryEventIds: [], ...fields }) as unknown as FlowNode;

describe('timeClassOfType', () => {
  it("makes catch events, event-based gateways and receive tasks designed waits, service and send tasks external, the rest the desk's", () => {
    const sut = Object.fromEntries(
      ['intermediateCatchEvent', 'eventBasedGateway', 'receiveTask', 'serviceTask', 'sendTask', 'userTask', 'manualTask', 'exclusiveGateway', 'subProcess', 'endEvent'].map(
        (type) => [type, timeClassOfType(type)],
      ),
    );

    expect(sut).toEqual({
      intermediateCatchEvent: 'designedWait',
      eventBasedGateway: 'designedWait',
      receiveTask: 'designedWait',
      serviceTask: 'externalSystem',
      sendTask: 'externalSystem',
      userTask: 'desk',
      manualTask: 'desk',
      exclusiveGateway: 'desk',
      subProcess: 'desk',
      endEvent: 'desk',
    });
  });
});

describe('timeClassOfNode', () => {
  it('reads the model: a timer or message catch is a designed wait, a link catch passes, a message a worker delivers is external', () => {
    expect(timeClassOfNode(node({ type: 'intermediateCatchEvent', eventDefinition: { type: 'timer', timeDuration: 'P3D' } }))).toBe('designedWait');
    expect(timeClassOfNode(node({ type: 'intermediateCatchEvent', eventDefinition: { type: 'message', messageName: 'reply' } }))).toBe('designedWait');
    expect(timeClassOfNode(node({ type: 'intermediateCatchEvent', eventDefinition: { type: 'link', linkName: 'a' } }))).toBe('desk');
    expect(timeClassOfNode(node({ type: 'intermediateThrowEvent', eventDefinition: { type: 'message', messageName: 'sent' }, externalTask: { topic: 'mail', retries: 3 } }))).toBe(
      'externalSystem',
    );
    expect(timeClassOfNode(node({ type: 'endEvent', eventDefinition: { type: 'message', messageName: 'done' }, externalTask: { topic: 'mail', retries: 3 } }))).toBe(
      'externalSystem',
    );
    expect(timeClassOfNode(node({ type: 'endEvent' }))).toBe('desk');
    expect(timeClassOfNode(node({ type: 'userTask', candidateGroups: [], candidateUsers: [] }))).toBe('desk');
  });

  it("counts a Camunda 8 script or business-rule task that is a job as external-system time, and one that runs at once as the desk's", () => {
    expect(timeClassOfNode(node({ type: 'scriptTask', script: '', externalTask: { topic: 'compute', retries: 3 } }))).toBe('externalSystem');
    expect(timeClassOfNode(node({ type: 'businessRuleTask', decisionRef: '', externalTask: { topic: 'score', retries: 3 } }))).toBe('externalSystem');
    expect(timeClassOfNode(node({ type: 'scriptTask', script: '1 + 1', resultVariable: 'two' }))).toBe('desk');
  });
});
