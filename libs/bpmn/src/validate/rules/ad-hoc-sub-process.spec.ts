import { describe, expect, it } from '@jest/globals';
import { loadBpmn } from '../../load-bpmn.js';
import { inlineBpmn } from '../../testing/inline-bpmn.js';

/** start -> contact (an ad-hoc sub-process with the given attributes, extensions and content) -> end */
const model = ({
  attributes = '',
  extensions = '<tandem:adHoc activeElementsCollection="= channels" />',
  content = '<bpmn:userTask id="call" /><bpmn:userTask id="email" />',
  more = '',
} = {}) =>
  inlineBpmn(`
    <bpmn:startEvent id="start" />
    <bpmn:adHocSubProcess id="contact"${attributes}><bpmn:extensionElements>${extensions}</bpmn:extensionElements>${content}${more}</bpmn:adHocSubProcess>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="contact" />
    <bpmn:sequenceFlow id="f2" sourceRef="contact" targetRef="end" />`);

const errorsOf = async (xml: string) => (await loadBpmn(xml)).problems.filter(({ severity }) => severity === 'error');

describe('ad-hoc-sub-process', () => {
  it('compiles the elements it can activate, its collection, completion condition and cancelRemainingInstances', async () => {
    // given call -> log inside: log is reached by a flow, so only call and email can be activated
    const xml = model({
      attributes: ' cancelRemainingInstances="false"',
      content:
        '<bpmn:userTask id="call" /><bpmn:userTask id="log" /><bpmn:userTask id="email" /><bpmn:sequenceFlow id="i1" sourceRef="call" targetRef="log" />' +
        '<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">= reached</bpmn:completionCondition>',
    });

    // when
    const { processes, problems } = await loadBpmn(xml);

    // then
    expect(problems.filter(({ severity }) => severity === 'error')).toEqual([]);
    expect(processes[0].nodes.contact).toMatchObject({
      type: 'adHocSubProcess',
      activeElementsCollection: 'channels',
      completionCondition: 'reached',
      cancelRemainingInstances: false,
      activatableElementIds: ['call', 'email'],
    });
    expect(processes[0].nodes.log).toMatchObject({ parentId: 'contact', incoming: ['i1'] });
  });

  it('reads Camunda 8 models: zeebe:adHoc, canceling the remaining instances by default', async () => {
    // given
    const xml = model({ extensions: '<zeebe:adHoc activeElementsCollection="=[&quot;call&quot;]" />' }).replace(
      'xmlns:camunda=',
      'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:camunda=',
    );

    // when
    const { processes } = await loadBpmn(xml);

    // then
    expect(processes[0].nodes.contact).toMatchObject({ activeElementsCollection: '["call"]', cancelRemainingInstances: true });
  });

  it('refuses one without activities, or with start and end events inside, naming each', async () => {
    // given
    const xml = model({ content: '<bpmn:startEvent id="s" /><bpmn:endEvent id="e" /><bpmn:sequenceFlow id="i1" sourceRef="s" targetRef="e" />' });

    // when
    const errors = (await errorsOf(xml)).filter(({ rule }) => rule === 'ad-hoc-sub-process');

    // then
    expect(errors).toEqual([
      expect.objectContaining({ elementId: 'contact', message: expect.stringContaining('holds no activity') }),
      expect.objectContaining({ elementId: 's', message: expect.stringContaining('has no start or end events') }),
      expect.objectContaining({ elementId: 'e', message: expect.stringContaining('has no start or end events') }),
    ]);
  });

  it.each([
    ['no activeElementsCollection', { extensions: '' }, 'activate nothing and wait forever'],
    ['sequential ordering', { attributes: ' ordering="Sequential"' }, 'sequential ordering'],
    ['an output collection', { extensions: '<zeebe:adHoc activeElementsCollection="= channels" outputCollection="results" />' }, 'collects output'],
    ['a job worker', { extensions: '<zeebe:adHoc activeElementsCollection="= channels" /><zeebe:taskDefinition type="agent" />' }, 'handed to a job worker'],
  ])('refuses %s, which it would otherwise ignore', async (_what, settings, reason) => {
    // given
    const xml = model(settings).replace('xmlns:camunda=', 'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:camunda=');

    // when
    const errors = await errorsOf(xml);

    // then
    expect(errors).toEqual([expect.objectContaining({ elementId: 'contact', rule: 'ad-hoc-sub-process', message: expect.stringContaining(reason) })]);
  });

  it('refuses an event sub-process inside it', async () => {
    // given
    const xml = model({
      more:
        '<bpmn:subProcess id="onNote" triggeredByEvent="true"><bpmn:startEvent id="noted"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:startEvent>' +
        '<bpmn:endEvent id="ne" /><bpmn:sequenceFlow id="n1" sourceRef="noted" targetRef="ne" /></bpmn:subProcess>',
    }).replace('<bpmn:process ', '<bpmn:signal id="sig" name="note" />\n  <bpmn:process ');

    // when
    const errors = (await errorsOf(xml)).filter(({ rule }) => rule === 'ad-hoc-sub-process');

    // then
    expect(errors).toEqual([expect.objectContaining({ elementId: 'onNote', message: expect.stringContaining('is an event sub-process inside') })]);
  });

  it('refuses a collection or condition that is not valid FEEL', async () => {
    // given
    const xml = model({ extensions: '<tandem:adHoc activeElementsCollection="= [&quot;call&quot;" />' });

    // when
    const errors = await errorsOf(xml);

    // then
    expect(errors).toEqual([expect.objectContaining({ elementId: 'contact', rule: 'feel-expression', message: expect.stringContaining('active elements collection') })]);
  });
});
