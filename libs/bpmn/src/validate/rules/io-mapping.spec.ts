import { describe, expect, it } from '@jest/globals';
import { loadBpmn } from '../../load-bpmn.js';
import { inlineBpmn } from '../../testing/inline-bpmn.js';

const mapping = (kind: 'input' | 'output') => `<bpmn:extensionElements><tandem:ioMapping><tandem:${kind} source="= 1" target="x" /></tandem:ioMapping></bpmn:extensionElements>`;

/** start (the given start event) -> work -> gate (the given gateway) -> end, with a message boundary event `note` on work. */
const model = ({ start = '<bpmn:startEvent id="start" />', boundary = '', gateway = '<bpmn:exclusiveGateway id="gate" />' }) =>
  inlineBpmn(`
    ${start}
    <bpmn:userTask id="work" />
    <bpmn:boundaryEvent id="note" attachedToRef="work" cancelActivity="false">${boundary}<bpmn:messageEventDefinition messageRef="m" /></bpmn:boundaryEvent>
    ${gateway}
    <bpmn:endEvent id="end" />
    <bpmn:endEvent id="end2" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="gate" />
    <bpmn:sequenceFlow id="f3" sourceRef="gate" targetRef="end" />
    <bpmn:sequenceFlow id="f4" sourceRef="note" targetRef="end2" />`).replace('<bpmn:process ', '<bpmn:message id="m" name="note" />\n  <bpmn:process ');

const problemsOf = async (xml: string) => (await loadBpmn(xml)).problems.filter(({ rule }) => rule === 'io-mapping');

describe('io-mapping', () => {
  it('accepts output mappings on a boundary event and on a start event with a trigger', async () => {
    // given output mappings on the boundary event and on a message start event
    const xml = model({
      boundary: mapping('output'),
      start: `<bpmn:startEvent id="start">${mapping('output')}<bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>`,
    });

    // when
    const { processes, problems } = await loadBpmn(xml);

    // then
    expect(problems.filter(({ severity }) => severity === 'error')).toEqual([]);
    expect(processes[0].nodes.note).toMatchObject({ ioMapping: { inputs: [], outputs: [{ source: '1', target: 'x' }] } });
    expect(processes[0].nodes.start).toMatchObject({ ioMapping: { outputs: [{ source: '1', target: 'x' }] } });
  });

  it('refuses input mappings on a boundary event and on a start event, naming the event', async () => {
    // given
    const xml = model({
      boundary: mapping('input'),
      start: `<bpmn:startEvent id="start">${mapping('input')}<bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>`,
    });

    // when
    const problems = await problemsOf(xml);

    // then
    expect(problems).toEqual([
      expect.objectContaining({ elementId: 'start', severity: 'error', message: expect.stringContaining('has input mappings') }),
      expect.objectContaining({ elementId: 'note', severity: 'error', message: expect.stringContaining('has input mappings') }),
    ]);
  });

  it('accepts output mappings on a none start event, which map the start variables as in Camunda 8', async () => {
    // given
    const xml = model({ start: `<bpmn:startEvent id="start">${mapping('output')}</bpmn:startEvent>` });

    // when
    const { processes } = await loadBpmn(xml);

    // then
    expect(await problemsOf(xml)).toEqual([]);
    expect(processes[0].nodes.start).toMatchObject({ ioMapping: { inputs: [], outputs: [{ source: '1', target: 'x' }] } });
  });

  it('refuses any mapping on a gateway', async () => {
    // given
    const xml = model({ gateway: `<bpmn:exclusiveGateway id="gate">${mapping('output')}</bpmn:exclusiveGateway>` });

    // then
    expect(await problemsOf(xml)).toEqual([expect.objectContaining({ elementId: 'gate', severity: 'error', message: expect.stringContaining('is a gateway') })]);
  });
});
