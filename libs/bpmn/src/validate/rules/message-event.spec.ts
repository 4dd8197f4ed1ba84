import { describe, expect, it } from '@jest/globals';
import { loadBpmn } from '../../load-bpmn.js';
import { inlineBpmn } from '../../testing/inline-bpmn.js';

/** start -> notify (a message throw) -> done (a message end event), both given their extensions, as Camunda 8 Modeler writes them. */
const model = (notify: string, done: string) =>
  inlineBpmn(`
    <bpmn:startEvent id="start" />
    <bpmn:intermediateThrowEvent id="notify" name="Notify customer"><bpmn:extensionElements>${notify}</bpmn:extensionElements><bpmn:messageEventDefinition id="md1" /></bpmn:intermediateThrowEvent>
    <bpmn:endEvent id="done" name="Send receipt"><bpmn:extensionElements>${done}</bpmn:extensionElements><bpmn:messageEventDefinition id="md2" /></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="notify" />
    <bpmn:sequenceFlow id="f2" sourceRef="notify" targetRef="done" />`).replace('xmlns:camunda=', 'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:camunda=');

const errorsOf = async (xml: string) => (await loadBpmn(xml)).problems.filter(({ severity }) => severity === 'error');

describe('message-event', () => {
  it('accepts a message throw and end event a zeebe:taskDefinition implements, with no messageRef, as jobs of its type', async () => {
    // given
    const xml = model('<zeebe:taskDefinition type="notify-customer" retries="5" />', '<zeebe:taskDefinition type="send-receipt" />');

    // when
    const { processes, problems } = await loadBpmn(xml);

    // then
    expect(problems.filter(({ severity }) => severity === 'error')).toEqual([]);
    expect(processes[0].nodes.notify).toMatchObject({ externalTask: { topic: 'notify-customer', retries: 5 } });
    expect(processes[0].nodes.done).toMatchObject({ externalTask: { topic: 'send-receipt' } });
  });

  it('still refuses a message throw with neither a message nor a job type, naming the event', async () => {
    // given
    const xml = model('', '<zeebe:taskDefinition type="send-receipt" />');

    // when
    const errors = await errorsOf(xml);

    // then
    expect(errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ elementId: 'notify', rule: 'message-event', message: expect.stringContaining('refers to no message with a name') })]),
    );
    expect(errors.every(({ elementId }) => elementId === 'notify')).toBe(true);
  });
});
