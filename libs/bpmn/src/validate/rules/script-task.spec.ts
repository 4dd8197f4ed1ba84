import { describe, expect, it } from '@jest/globals';
import { loadBpmn } from '../../load-bpmn.js';
import { inlineBpmn } from '../../testing/inline-bpmn.js';

/** start -> the given script task (id `total`) -> end, with zeebe: bound as Camunda Modeler binds it. */
const withTask = (content: string, extensions = '') =>
  inlineBpmn(`
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:scriptTask id="total" name="Compute total" tandem:valueClass="VA">${extensions && `<bpmn:extensionElements>${extensions}</bpmn:extensionElements>`}<bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>${content}</bpmn:scriptTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="total" />
    <bpmn:sequenceFlow id="f2" sourceRef="total" targetRef="end" />`).replace('xmlns:camunda=', 'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:camunda=');

const errorsOf = async (xml: string) => (await loadBpmn(xml)).problems.filter(({ severity }) => severity === 'error');

describe('script tasks', () => {
  it('compile a zeebe:script: the FEEL after = and its resultVariable', async () => {
    // given
    const xml = withTask('', '<zeebe:script expression="=price * quantity" resultVariable="total" />');

    // when
    const { processes, problems } = await loadBpmn(xml);

    // then
    expect(problems).toEqual([]);
    expect(processes[0].nodes.total).toMatchObject({ type: 'scriptTask', script: 'price * quantity', resultVariable: 'total' });
    expect(processes[0].nodes.total).not.toHaveProperty('externalTask');
  });

  it('compile a zeebe:taskDefinition as a job of its type, with its retries', async () => {
    // given
    const xml = withTask('', '<zeebe:taskDefinition type="compute-total" retries="5" />');

    // when
    const { processes, problems } = await loadBpmn(xml);

    // then
    expect(problems).toEqual([]);
    expect(processes[0].nodes.total).toMatchObject({ type: 'scriptTask', externalTask: { topic: 'compute-total', retries: 5 } });
  });

  it.each([
    ['a zeebe:script without resultVariable', '', '<zeebe:script expression="=price * quantity" />', 'has no zeebe:script resultVariable'],
    ['a zeebe:script with an empty expression', '', '<zeebe:script expression="" resultVariable="total" />', 'The zeebe:script expression of'],
    ['a zeebe:script expression that does not parse', '', '<zeebe:script expression="=price *" resultVariable="total" />', 'The zeebe:script expression of'],
    ['no script at all', '', '', 'The script of'],
    ['a script beside a job', '<bpmn:script>1</bpmn:script>', '<zeebe:taskDefinition type="compute-total" />', 'has both a script and a zeebe:taskDefinition'],
  ])('are refused with %s, naming the element and the attribute', async (_case, content, extensions, message) => {
    // given; when
    const errors = await errorsOf(withTask(content, extensions));

    // then
    expect(errors).toEqual([expect.objectContaining({ elementId: 'total', severity: 'error', message: expect.stringContaining(message) })]);
  });

  it('refuse a job with retries that are not a whole number, as other jobs', async () => {
    // given; when
    const errors = await errorsOf(withTask('', '<zeebe:taskDefinition type="compute-total" retries="many" />'));

    // then
    expect(errors).toEqual([expect.objectContaining({ elementId: 'total', rule: 'task-attributes', message: expect.stringContaining('"many"') })]);
  });
});
