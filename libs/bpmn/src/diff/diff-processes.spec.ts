import { loadBpmn } from '../load-bpmn.js';
import type { ProcessGraph } from '../process-graph.js';
import { inlineBpmn } from '../testing/inline-bpmn.js';
import { diffProcesses } from './diff-processes.js';

const graphOf = async (content: string): Promise<ProcessGraph> => {
  const { processes, problems } = await loadBpmn(inlineBpmn(content));
  expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
  return processes[0]!;
};

const LANE = (name: string, members: string) =>
  `<bpmn:laneSet id="lanes"><bpmn:lane id="lane" name="${name}">${members
    .split(' ')
    .map((id) => `<bpmn:flowNodeRef>${id}</bpmn:flowNodeRef>`)
    .join('')}</bpmn:lane></bpmn:laneSet>`;

/** As-is: log, re-key (NVA), an approval (NVA) above 100. */
const BEFORE = `
  ${LANE('First line', 'start log rekey gw approve end')}
  <bpmn:startEvent id="start" />
  <bpmn:userTask id="log" name="Log request" tandem:valueClass="BVA" tandem:standardMinutes="5" tandem:candidateGroups="first-line" tandem:dueIn="PT1H" />
  <bpmn:userTask id="rekey" name="Re-key into CRM" tandem:valueClass="NVA" tandem:standardMinutes="6" tandem:wasteType="overprocessing" />
  <bpmn:exclusiveGateway id="gw" default="f4" />
  <bpmn:userTask id="approve" name="Approve" tandem:valueClass="NVA" tandem:standardMinutes="10" />
  <bpmn:endEvent id="end" />
  <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="log" />
  <bpmn:sequenceFlow id="f2" sourceRef="log" targetRef="rekey" />
  <bpmn:sequenceFlow id="f2b" sourceRef="rekey" targetRef="gw" />
  <bpmn:sequenceFlow id="f3" sourceRef="gw" targetRef="approve"><bpmn:conditionExpression>= amount &gt; 100</bpmn:conditionExpression></bpmn:sequenceFlow>
  <bpmn:sequenceFlow id="f4" sourceRef="gw" targetRef="end" />
  <bpmn:sequenceFlow id="f5" sourceRef="approve" targetRef="end" />`;

/** To-be: the re-keying is a CRM sync, the approval a BVA check above 3,000, the log step triages too. */
const AFTER = `
  ${LANE('Service desk', 'start log sync gw approve end')}
  <bpmn:startEvent id="start" />
  <bpmn:userTask id="log" name="Log and classify" tandem:valueClass="BVA" tandem:standardMinutes="5" tandem:candidateGroups="first-line, triage" tandem:dueIn="PT1H" />
  <bpmn:serviceTask id="sync" name="Sync to CRM" tandem:valueClass="BVA" tandem:topic="crm-sync" />
  <bpmn:exclusiveGateway id="gw" default="f4" />
  <bpmn:userTask id="approve" name="Approve" tandem:valueClass="BVA" tandem:standardMinutes="8" />
  <bpmn:endEvent id="end" />
  <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="log" />
  <bpmn:sequenceFlow id="f2" sourceRef="log" targetRef="sync" />
  <bpmn:sequenceFlow id="f2s" sourceRef="sync" targetRef="gw" />
  <bpmn:sequenceFlow id="f3" sourceRef="gw" targetRef="approve"><bpmn:conditionExpression>= amount &gt; 3000</bpmn:conditionExpression></bpmn:sequenceFlow>
  <bpmn:sequenceFlow id="f4" sourceRef="gw" targetRef="end" />
  <bpmn:sequenceFlow id="f5" sourceRef="approve" targetRef="end" />`;

describe('diffProcesses', () => {
  it('finds nothing between a process and itself', async () => {
    // given one version compiled twice
    const before = await graphOf(BEFORE);
    const after = await graphOf(BEFORE);
    // when diffed
    const sut = diffProcesses(before, after);
    // then nothing is added, removed or changed, and every delta is zero
    expect({ added: sut.added, removed: sut.removed, changed: sut.changed, valueClassChanges: sut.valueClassChanges }).toEqual({
      added: [],
      removed: [],
      changed: [],
      valueClassChanges: [],
    });
    expect(sut.values.delta).toEqual({ nvaSteps: 0, nvaMinutes: 0, VA: 0, BVA: 0, unclassified: 0 });
  });

  it('lists added and removed elements with their type, name and value class', async () => {
    // given the as-is and the to-be
    const before = await graphOf(BEFORE);
    const after = await graphOf(AFTER);
    // when diffed
    const sut = diffProcesses(before, after);
    // then the sync step and its flow are new, the re-keying and its flow are gone
    expect(sut.added).toEqual([
      { id: 'sync', kind: 'flowNode', type: 'serviceTask', name: 'Sync to CRM', valueClass: 'BVA' },
      { id: 'f2s', kind: 'sequenceFlow', type: 'sequenceFlow' },
    ]);
    expect(sut.removed).toEqual([
      { id: 'rekey', kind: 'flowNode', type: 'userTask', name: 'Re-key into CRM', valueClass: 'NVA' },
      { id: 'f2b', kind: 'sequenceFlow', type: 'sequenceFlow' },
    ]);
  });

  it('names each changed property with its value before and after', async () => {
    // given the as-is and the to-be
    const before = await graphOf(BEFORE);
    const after = await graphOf(AFTER);
    // when diffed
    const sut = diffProcesses(before, after);
    // then names, candidate groups, value classes, minutes, conditions, targets and lane names are reported
    expect(sut.changed).toEqual([
      {
        id: 'log',
        kind: 'flowNode',
        type: 'userTask',
        name: 'Log and classify',
        valueClass: 'BVA',
        changes: [
          { property: 'name', before: 'Log request', after: 'Log and classify' },
          { property: 'candidateGroups', before: ['first-line'], after: ['first-line', 'triage'] },
        ],
      },
      {
        id: 'approve',
        kind: 'flowNode',
        type: 'userTask',
        name: 'Approve',
        valueClass: 'BVA',
        changes: [
          { property: 'valueClass', before: 'NVA', after: 'BVA' },
          { property: 'standardMinutes', before: 10, after: 8 },
        ],
      },
      { id: 'f2', kind: 'sequenceFlow', type: 'sequenceFlow', changes: [{ property: 'targetId', before: 'rekey', after: 'sync' }] },
      { id: 'f3', kind: 'sequenceFlow', type: 'sequenceFlow', changes: [{ property: 'condition', before: 'amount > 100', after: 'amount > 3000' }] },
      { id: 'lane', kind: 'lane', type: 'lane', name: 'Service desk', changes: [{ property: 'name', before: 'First line', after: 'Service desk' }] },
    ]);
  });

  it('lists value-class changes of kept, added and removed steps, and the change in the NVA figures', async () => {
    // given the as-is (NVA: re-key 6 min, approve 10 min) and the to-be (no NVA step)
    const before = await graphOf(BEFORE);
    const after = await graphOf(AFTER);
    // when diffed
    const sut = diffProcesses(before, after);
    // then three steps change class and 2 NVA steps with 16 minutes are gone
    expect(sut.valueClassChanges).toEqual([
      { id: 'sync', name: 'Sync to CRM', element: 'added', before: null, after: 'BVA' },
      { id: 'approve', name: 'Approve', element: 'changed', before: 'NVA', after: 'BVA' },
      { id: 'rekey', name: 'Re-key into CRM', element: 'removed', before: 'NVA', after: null },
    ]);
    expect(sut.values.before).toMatchObject({ nvaSteps: 2, nvaMinutes: 16, counts: { VA: 0, BVA: 1, NVA: 2 } });
    expect(sut.values.after).toMatchObject({ nvaSteps: 0, nvaMinutes: 0, counts: { VA: 0, BVA: 3, NVA: 0 } });
    expect(sut.values.delta).toEqual({ nvaSteps: -2, nvaMinutes: -16, VA: 0, BVA: 2, unclassified: 0 });
  });

  it('reports a changed element type with the settings that came and went, and nested settings by path', async () => {
    // given a user task with a timer on it
    const before = await graphOf(`
      <bpmn:startEvent id="start" />
      <bpmn:userTask id="call" name="Call back" tandem:valueClass="VA" tandem:candidateGroups="first-line" />
      <bpmn:boundaryEvent id="sla" attachedToRef="call"><bpmn:timerEventDefinition><bpmn:timeDuration>PT4H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
      <bpmn:endEvent id="end" /><bpmn:endEvent id="late" />
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" /><bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end" />
      <bpmn:sequenceFlow id="f3" sourceRef="sla" targetRef="late" />`);
    // when it becomes a service task for a worker and its timer gets longer
    const after = await graphOf(`
      <bpmn:startEvent id="start" />
      <bpmn:serviceTask id="call" name="Call back" tandem:valueClass="VA" tandem:topic="dialer" />
      <bpmn:boundaryEvent id="sla" attachedToRef="call"><bpmn:timerEventDefinition><bpmn:timeDuration>PT8H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
      <bpmn:endEvent id="end" /><bpmn:endEvent id="late" />
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" /><bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end" />
      <bpmn:sequenceFlow id="f3" sourceRef="sla" targetRef="late" />`);
    const sut = diffProcesses(before, after);
    // then the type change carries the user-task settings dropped and the worker settings added
    expect(sut.changed.find((element) => element.id === 'call')?.changes).toEqual([
      { property: 'type', before: 'userTask', after: 'serviceTask' },
      { property: 'candidateGroups', before: ['first-line'], after: null },
      { property: 'candidateUsers', before: [], after: null },
      { property: 'topic', before: null, after: 'dialer' },
      { property: 'retries', before: null, after: 3 },
    ]);
    expect(sut.changed.find((element) => element.id === 'sla')?.changes).toEqual([{ property: 'eventDefinition.timeDuration', before: 'PT4H', after: 'PT8H' }]);
  });

  it('sees a camunda: attribute and its tandem: twin as the same setting', async () => {
    // given a user task whose groups are written the Camunda Modeler way
    const before = await graphOf(`
      <bpmn:startEvent id="start" /><bpmn:endEvent id="end" />
      <bpmn:userTask id="call" tandem:valueClass="VA" camunda:candidateGroups="first-line" camunda:dueDate="PT2H" />
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" /><bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end" />`);
    // when the next version writes them as tandem: attributes
    const after = await graphOf(`
      <bpmn:startEvent id="start" /><bpmn:endEvent id="end" />
      <bpmn:userTask id="call" tandem:valueClass="VA" tandem:candidateGroups="first-line" tandem:dueIn="PT2H" />
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" /><bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end" />`);
    // then nothing changed in meaning
    expect(diffProcesses(before, after).changed).toEqual([]);
  });

  it('describes a flow node with its zeebe:properties and lists a changed property by name', async () => {
    // given a task with Camunda 8 properties, and a next version that changes one
    const model = (tier: string) =>
      inlineBpmn(`
        <bpmn:startEvent id="start" /><bpmn:endEvent id="end" />
        <bpmn:userTask id="call" tandem:valueClass="VA">
          <bpmn:extensionElements><zeebe:properties><zeebe:property name="sla-tier" value="${tier}" /><zeebe:property name="owner" value="ops" /></zeebe:properties></bpmn:extensionElements>
        </bpmn:userTask>
        <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" /><bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end" />`).replace(
        'xmlns:camunda=',
        'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:camunda=',
      );
    const graph = async (xml: string) => (await loadBpmn(xml)).processes[0]!;

    // when
    const sut = diffProcesses(await graph(model('gold')), await graph(model('silver')));

    // then
    expect(sut.changed).toEqual([
      {
        id: 'call',
        kind: 'flowNode',
        type: 'userTask',
        valueClass: 'VA',
        properties: { 'sla-tier': 'silver', owner: 'ops' },
        changes: [{ property: 'properties.sla-tier', before: 'gold', after: 'silver' }],
      },
    ]);
  });
});
