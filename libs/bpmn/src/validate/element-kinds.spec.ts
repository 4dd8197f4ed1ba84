import { describe, expect, it } from '@jest/globals';
import type { ModdleElement } from 'bpmn-moddle';
import { classify } from './element-kinds.js';

const element = (type: string, more: Record<string, unknown> = {}) => ({ $type: `bpmn:${type}`, ...more }) as ModdleElement;
const withDefinition = (type: string, definition: string) => element(type, { eventDefinitions: [{ $type: `bpmn:${definition}` }] });

describe('classify', () => {
  it.each([
    ['ScriptTask', 'scriptTask'],
    ['Task', 'task'],
    ['ManualTask', 'manualTask'],
    ['CallActivity', 'callActivity'],
  ])('executes a %s, which the engine has a behavior for', (type, expected) => {
    // given / when / then
    expect(classify(element(type))).toEqual({ supported: true, type: expected });
  });

  it.each(['ErrorEventDefinition', 'EscalationEventDefinition'])('executes a start event with a %s (the start-event rule keeps it in an event sub-process)', (definition) => {
    // given / when
    const kind = classify(withDefinition('StartEvent', definition));

    // then
    expect(kind).toMatchObject({ supported: true, type: 'startEvent' });
  });

  it('executes a compensation handler as the activity it is (compensation throw events run it)', () => {
    // given / when
    const kind = classify(element('ServiceTask', { isForCompensation: true }));

    // then
    expect(kind).toEqual({ supported: true, type: 'serviceTask' });
  });

  it.each(['BoundaryEvent', 'IntermediateThrowEvent', 'EndEvent'])('executes a compensation %s', (type) => {
    // given / when
    const kind = classify(withDefinition(type, 'CompensateEventDefinition'));

    // then
    expect(kind).toMatchObject({ supported: true, definition: 'compensate' });
  });

  it('refuses a compensation start event (a compensation event sub-process), naming the kinds it runs', () => {
    // given / when
    const kind = classify(withDefinition('StartEvent', 'CompensateEventDefinition'));

    // then
    expect(kind).toEqual({ supported: false, reason: expect.stringContaining('a compensate StartEvent is not executable') });
  });

  it('executes an ad-hoc sub-process', () => {
    // given / when / then
    expect(classify(element('AdHocSubProcess'))).toEqual({ supported: true, type: 'adHocSubProcess' });
  });
});
