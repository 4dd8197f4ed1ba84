import { describe, expect, it } from '@jest/globals';
import { loadBpmn } from '../../load-bpmn.js';
import { inlineBpmn } from '../../testing/inline-bpmn.js';

const HANDLER = '<bpmn:serviceTask id="refund" isForCompensation="true" tandem:topic="refunds" />';
const BOUNDARY = '<bpmn:boundaryEvent id="payUndo" attachedToRef="pay"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>';
const ASSOCIATION = '<bpmn:association id="a1" associationDirection="One" sourceRef="payUndo" targetRef="refund" />';

/** start -> pay -> undo (the given compensation throw) -> end, with pay's compensation boundary event, handler and association as given. */
const model = ({ definition = '<bpmn:compensateEventDefinition />', boundary = BOUNDARY, handler = HANDLER, association = ASSOCIATION, more = '' } = {}) =>
  inlineBpmn(`
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="pay" tandem:topic="payments" />
    ${boundary}
    ${handler}
    <bpmn:intermediateThrowEvent id="undo">${definition}</bpmn:intermediateThrowEvent>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pay" />
    <bpmn:sequenceFlow id="f2" sourceRef="pay" targetRef="undo" />
    <bpmn:sequenceFlow id="f3" sourceRef="undo" targetRef="end" />
    ${association}
    ${more}`);

const errorsOf = async (xml: string) => (await loadBpmn(xml)).problems.filter(({ severity }) => severity === 'error');

describe('compensation', () => {
  it('accepts a compensation boundary event linked to its handler, and compiles the handler and the activity to compensate', async () => {
    // given
    const xml = model({ definition: '<bpmn:compensateEventDefinition activityRef="pay" />' });

    // when
    const { processes, problems } = await loadBpmn(xml);

    // then
    expect(problems.filter(({ severity }) => severity === 'error')).toEqual([]);
    expect(processes[0].nodes.payUndo).toMatchObject({ eventDefinition: { type: 'compensate', handlerId: 'refund' } });
    expect(processes[0].nodes.undo).toMatchObject({ eventDefinition: { type: 'compensate', activityRef: 'pay' } });
    expect(processes[0].nodes.refund).toMatchObject({ type: 'serviceTask', isForCompensation: true, incoming: [], outgoing: [] });
  });

  it('refuses a compensation boundary event with an outgoing sequence flow or without a handler', async () => {
    // given
    const xml = model({ association: '', more: '<bpmn:endEvent id="afterUndo" /><bpmn:sequenceFlow id="f4" sourceRef="payUndo" targetRef="afterUndo" />' });

    // when
    const errors = await errorsOf(xml);

    // then
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ elementId: 'payUndo', rule: 'compensation', message: expect.stringContaining('has no outgoing sequence flow') }),
        expect.objectContaining({ elementId: 'payUndo', rule: 'compensation', message: expect.stringContaining('exactly one compensation handler') }),
        expect.objectContaining({ elementId: 'refund', rule: 'compensation', message: expect.stringContaining('never runs') }),
      ]),
    );
  });

  it('refuses a compensation handler with sequence flows or boundary events of its own', async () => {
    // given
    const xml = model({
      more:
        '<bpmn:endEvent id="afterRefund" /><bpmn:sequenceFlow id="f4" sourceRef="refund" targetRef="afterRefund" />' +
        '<bpmn:boundaryEvent id="refundLate" attachedToRef="refund"><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>' +
        '<bpmn:endEvent id="afterLate" /><bpmn:sequenceFlow id="f5" sourceRef="refundLate" targetRef="afterLate" />',
    });

    // when
    const errors = (await errorsOf(xml)).filter(({ rule }) => rule === 'compensation');

    // then
    expect(errors).toEqual([
      expect.objectContaining({ elementId: 'refund', message: expect.stringContaining('has no sequence flows') }),
      expect.objectContaining({ elementId: 'refund', message: expect.stringContaining('cannot have boundary events') }),
    ]);
  });

  it('refuses a compensation throw event that would not wait for its handlers', async () => {
    // given
    const xml = model({ definition: '<bpmn:compensateEventDefinition waitForCompletion="false" />' });

    // when
    const errors = await errorsOf(xml);

    // then
    expect(errors).toEqual([expect.objectContaining({ elementId: 'undo', rule: 'compensation', message: expect.stringContaining('waitForCompletion="false"') })]);
  });

  it('refuses an activityRef naming an activity without a compensation boundary event or outside the scope it compensates', async () => {
    // given
    const elsewhere = model({
      definition: '<bpmn:compensateEventDefinition activityRef="inner" />',
      more: '<bpmn:subProcess id="box"><bpmn:startEvent id="s" /><bpmn:task id="inner" /><bpmn:endEvent id="e" /><bpmn:sequenceFlow id="i1" sourceRef="s" targetRef="inner" /><bpmn:sequenceFlow id="i2" sourceRef="inner" targetRef="e" /></bpmn:subProcess>',
    }).replace('targetRef="undo" />', 'targetRef="box" /><bpmn:sequenceFlow id="f6" sourceRef="box" targetRef="undo" />');

    // when
    const errors = await errorsOf(elsewhere);

    // then
    expect(errors).toEqual([expect.objectContaining({ elementId: 'undo', rule: 'compensation', message: expect.stringContaining("compensates Task 'inner'") })]);
  });

  it('accepts an activityRef from an event sub-process to an activity of the scope it runs in', async () => {
    // given
    const xml = model({
      more:
        '<bpmn:subProcess id="onFailure" triggeredByEvent="true"><bpmn:startEvent id="failed"><bpmn:errorEventDefinition /></bpmn:startEvent>' +
        '<bpmn:endEvent id="rollBack"><bpmn:compensateEventDefinition activityRef="pay" /></bpmn:endEvent><bpmn:sequenceFlow id="e1" sourceRef="failed" targetRef="rollBack" /></bpmn:subProcess>',
    });

    // when
    const errors = await errorsOf(xml);

    // then
    expect(errors).toEqual([]);
  });
});
