import { describe, expect, it } from '@jest/globals';
import { loadBpmn } from '../../load-bpmn.js';
import { inlineBpmn } from '../../testing/inline-bpmn.js';

const conditional = (condition: string | undefined) =>
  `<bpmn:conditionalEventDefinition>${condition === undefined ? '' : `<bpmn:condition xsi:type="bpmn:tFormalExpression">${condition}</bpmn:condition>`}</bpmn:conditionalEventDefinition>`;

/** start -> wait (a conditional catch event with the given condition) -> end */
const catching = (condition: string | undefined) =>
  inlineBpmn(`
    <bpmn:startEvent id="start" />
    <bpmn:intermediateCatchEvent id="wait" name="Approved">${conditional(condition)}</bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end" />`);

const errors = async (xml: string) => (await loadBpmn(xml)).problems.filter(({ severity }) => severity === 'error');

describe('conditional events', () => {
  it('compile with their FEEL condition', async () => {
    // when
    const { processes, problems } = await loadBpmn(catching('= approved = true'));

    // then
    expect(problems).toEqual([]);
    expect(processes[0].nodes.wait).toMatchObject({ type: 'intermediateCatchEvent', eventDefinition: { type: 'conditional', condition: 'approved = true' } });
  });

  it('are refused without a condition, or with a condition that is no FEEL, naming the event', async () => {
    // when
    const missing = await errors(catching(undefined));
    const broken = await errors(catching('= amount >'));

    // then
    expect(missing).toEqual([expect.objectContaining({ elementId: 'wait', rule: 'conditional-event', message: expect.stringContaining('has no condition') })]);
    expect(broken).toEqual([expect.objectContaining({ elementId: 'wait', rule: 'feel-expression' })]);
  });

  it('are refused with a variable filter, which Tandem does not apply', async () => {
    // given Camunda 7's filter attributes on the definition
    const xml = catching('= approved').replace(
      '<bpmn:conditionalEventDefinition>',
      '<bpmn:conditionalEventDefinition camunda:variableName="approved" camunda:variableEvents="update">',
    );

    // then
    expect(await errors(xml)).toEqual([expect.objectContaining({ elementId: 'wait', rule: 'conditional-event', message: expect.stringContaining('filters the variables') })]);
  });

  it('start only an event sub-process: a process-level conditional start event is refused', async () => {
    // given
    const xml = inlineBpmn(`
      <bpmn:startEvent id="start">${conditional('= ready')}</bpmn:startEvent>
      <bpmn:endEvent id="end" />
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />`);

    // then
    expect(await errors(xml)).toEqual([
      expect.objectContaining({
        elementId: 'start',
        rule: 'start-event',
        message: expect.stringContaining('is a conditional start event; it can only start an event sub-process'),
      }),
    ]);
  });
});
