import { loadBpmn } from '../load-bpmn.js';
import { parseBpmn } from '../parse/parse-bpmn.js';
import { inlineBpmn } from '../testing/inline-bpmn.js';
import { summarizeValueClasses, valueNodesOfDefinitions, valueNodesOfGraph, type ValueNode } from './value-summary.js';

const node = (id: string, type: string, valueClass?: string, standardMinutes?: string | number): ValueNode => ({
  id,
  type,
  valueClass,
  standardMinutes,
});

const SUB_PROCESS_MODEL = inlineBpmn(`
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="rekey" tandem:valueClass="NVA" tandem:standardMinutes="6" />
    <bpmn:subProcess id="checks" tandem:valueClass="BVA">
      <bpmn:startEvent id="innerStart" />
      <bpmn:userTask id="recheck" tandem:valueClass="NVA" tandem:standardMinutes="2.5" />
      <bpmn:manualTask id="file" />
      <bpmn:endEvent id="innerEnd" />
      <bpmn:sequenceFlow id="i1" sourceRef="innerStart" targetRef="recheck" />
      <bpmn:sequenceFlow id="i2" sourceRef="recheck" targetRef="file" />
      <bpmn:sequenceFlow id="i3" sourceRef="file" targetRef="innerEnd" />
    </bpmn:subProcess>
    <bpmn:serviceTask id="notify" tandem:valueClass="VA" tandem:topic="notify" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="rekey" />
    <bpmn:sequenceFlow id="f2" sourceRef="rekey" targetRef="checks" />
    <bpmn:sequenceFlow id="f3" sourceRef="checks" targetRef="notify" />
    <bpmn:sequenceFlow id="f4" sourceRef="notify" targetRef="end" />`);

describe('summarizeValueClasses', () => {
  it('counts NVA steps and sums their standard minutes, whatever their type', () => {
    // given three NVA steps (one without minutes), a VA and a BVA step
    const nodes = [
      node('a', 'userTask', 'NVA', '6'),
      node('b', 'serviceTask', 'NVA', 0.5),
      node('c', 'exclusiveGateway', 'NVA'),
      node('d', 'userTask', 'VA', '30'),
      node('e', 'sendTask', 'BVA', '4'),
    ];
    // when summarized
    const sut = summarizeValueClasses(nodes);
    // then only the NVA minutes count, and a missing value adds nothing
    expect(sut).toEqual({ counts: { VA: 1, BVA: 1, NVA: 3 }, unclassifiedIds: [], unclassified: 0, nvaSteps: 3, nvaMinutes: 6.5 });
  });

  it('flags tasks without a class as unclassified, but not events, gateways or sub-processes', () => {
    // given unclassified nodes of several types
    const nodes = [node('t', 'task'), node('u', 'userTask'), node('g', 'parallelGateway'), node('s', 'startEvent'), node('p', 'subProcess')];
    // when summarized
    const sut = summarizeValueClasses(nodes);
    // then the two tasks are the unclassified ones, in order
    expect(sut.unclassifiedIds).toEqual(['t', 'u']);
    expect(sut.unclassified).toBe(2);
  });

  it('counts unreadable minutes as 0 and an unknown class as neither classified nor unclassified', () => {
    // given values the validation would flag as errors
    const nodes = [node('a', 'userTask', 'NVA', 'ten'), node('b', 'userTask', 'NVA', '-3'), node('c', 'userTask', 'XX', '5')];
    // when summarized
    const sut = summarizeValueClasses(nodes);
    // then they add no minutes and "XX" is left out of every count
    expect(sut).toEqual({ counts: { VA: 0, BVA: 0, NVA: 2 }, unclassifiedIds: [], unclassified: 0, nvaSteps: 2, nvaMinutes: 0 });
  });

  it('keeps decimal sums free of binary noise', () => {
    // given minutes that do not add exactly in binary floating point
    const sut = summarizeValueClasses([node('a', 'task', 'NVA', '0.1'), node('b', 'task', 'NVA', '0.2')]);
    // then the sum is the decimal one
    expect(sut.nvaMinutes).toBe(0.3);
  });
});

describe('value nodes of a model', () => {
  it('reads the same figures from the parsed XML (as the modeler does) and from the compiled graph (as the server does)', async () => {
    // given a process with NVA steps inside a sub-process
    const { definitions } = await parseBpmn(SUB_PROCESS_MODEL);
    const { processes, problems } = await loadBpmn(SUB_PROCESS_MODEL);
    expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    // when both are summarized
    const fromXml = summarizeValueClasses(valueNodesOfDefinitions(definitions));
    const fromGraph = summarizeValueClasses(valueNodesOfGraph(processes[0]!));
    // then both count 2 NVA steps and 6 + 2.5 minutes, and flag the manual task
    expect(fromXml).toEqual({ counts: { VA: 1, BVA: 1, NVA: 2 }, unclassifiedIds: ['file'], unclassified: 1, nvaSteps: 2, nvaMinutes: 8.5 });
    expect(fromGraph).toEqual(fromXml);
  });
});
