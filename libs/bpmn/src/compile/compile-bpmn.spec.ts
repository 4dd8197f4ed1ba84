import { loadBpmn } from '../load-bpmn.js';
import { inlineBpmn } from '../testing/inline-bpmn.js';

const SERVICE_REQUEST = `
  <bpmn:laneSet id="lanes">
    <bpmn:lane id="firstLine" name="First line"><bpmn:flowNodeRef>start</bpmn:flowNodeRef><bpmn:flowNodeRef>triage</bpmn:flowNodeRef><bpmn:flowNodeRef>sla</bpmn:flowNodeRef></bpmn:lane>
    <bpmn:lane id="system" name="System"><bpmn:flowNodeRef>gw</bpmn:flowNodeRef><bpmn:flowNodeRef>sync</bpmn:flowNodeRef><bpmn:flowNodeRef>wait</bpmn:flowNodeRef><bpmn:flowNodeRef>end</bpmn:flowNodeRef><bpmn:flowNodeRef>escalated</bpmn:flowNodeRef></bpmn:lane>
  </bpmn:laneSet>
  <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
  <bpmn:userTask id="triage" name="Triage" tandem:valueClass="BVA" tandem:stage="inquiry" tandem:standardMinutes="7.5"
      tandem:candidateGroups="first-line, golden" tandem:dueIn="PT4H" tandem:costPerHour="42" tandem:assignee="= owner">
    <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
  </bpmn:userTask>
  <bpmn:boundaryEvent id="sla" attachedToRef="triage" cancelActivity="false">
    <bpmn:outgoing>f6</bpmn:outgoing>
    <bpmn:timerEventDefinition><bpmn:timeDuration> PT4H </bpmn:timeDuration></bpmn:timerEventDefinition>
  </bpmn:boundaryEvent>
  <bpmn:exclusiveGateway id="gw" default="f4"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing><bpmn:outgoing>f4</bpmn:outgoing></bpmn:exclusiveGateway>
  <bpmn:serviceTask id="sync" tandem:valueClass="NVA" tandem:wasteType="overprocessing" camunda:type="external" camunda:topic="crm-sync">
    <bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f5</bpmn:outgoing>
  </bpmn:serviceTask>
  <bpmn:intermediateCatchEvent id="wait"><bpmn:incoming>f4</bpmn:incoming><bpmn:incoming>f5</bpmn:incoming><bpmn:outgoing>f7</bpmn:outgoing>
    <bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition>
  </bpmn:intermediateCatchEvent>
  <bpmn:endEvent id="end"><bpmn:incoming>f7</bpmn:incoming><bpmn:terminateEventDefinition /></bpmn:endEvent>
  <bpmn:endEvent id="escalated"><bpmn:incoming>f6</bpmn:incoming></bpmn:endEvent>
  <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="triage" />
  <bpmn:sequenceFlow id="f2" sourceRef="triage" targetRef="gw" />
  <bpmn:sequenceFlow id="f3" name="needs CRM" sourceRef="gw" targetRef="sync"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">= category = "complaint"</bpmn:conditionExpression></bpmn:sequenceFlow>
  <bpmn:sequenceFlow id="f4" sourceRef="gw" targetRef="wait" />
  <bpmn:sequenceFlow id="f5" sourceRef="sync" targetRef="wait" />
  <bpmn:sequenceFlow id="f6" sourceRef="sla" targetRef="escalated" />
  <bpmn:sequenceFlow id="f7" sourceRef="wait" targetRef="end" />`;

describe('compileBpmn', () => {
  it('compiles every supported element into a plain, JSON-safe ProcessGraph', async () => {
    // given a service-request process using each executable element kind
    // when loaded
    const { processes, problems } = await loadBpmn(inlineBpmn(SERVICE_REQUEST, 'id="service-request" name="Service request" isExecutable="true"'));
    // then one graph comes out, equal to its JSON round trip
    expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    const [sut] = processes;
    expect(JSON.parse(JSON.stringify(sut))).toEqual(sut);
    expect(sut).toMatchObject({ key: 'service-request', name: 'Service request', startEventId: 'start' });
    expect(sut!.lanes).toEqual([
      { id: 'firstLine', name: 'First line', flowNodeIds: ['start', 'triage', 'sla'] },
      { id: 'system', name: 'System', flowNodeIds: ['gw', 'sync', 'wait', 'end', 'escalated'] },
    ]);
  });

  it('carries task settings, lean attributes, lanes and boundary links', async () => {
    // given the same process; when loaded
    const [sut] = (await loadBpmn(inlineBpmn(SERVICE_REQUEST))).processes;
    // then the user task keeps its tandem: settings, typed
    expect(sut!.nodes['triage']).toEqual({
      id: 'triage',
      name: 'Triage',
      type: 'userTask',
      incoming: ['f1'],
      outgoing: ['f2'],
      laneId: 'firstLine',
      lean: { valueClass: 'BVA', stage: 'inquiry', standardMinutes: 7.5 },
      boundaryEventIds: ['sla'],
      candidateGroups: ['first-line', 'golden'],
      candidateUsers: [],
      assignee: '= owner',
      dueIn: 'PT4H',
      costPerHour: 42,
    });
    expect(sut!.nodes['sla']).toMatchObject({
      type: 'boundaryEvent',
      attachedToId: 'triage',
      cancelActivity: false,
      eventDefinition: { type: 'timer', timeDuration: 'PT4H' },
    });
    expect(sut!.nodes['wait']).toMatchObject({ type: 'intermediateCatchEvent', eventDefinition: { type: 'timer', timeDuration: 'P3D' }, incoming: ['f4', 'f5'] });
    expect(sut!.nodes['end']).toMatchObject({ type: 'endEvent', eventDefinition: { type: 'terminate' } });
    expect(sut!.nodes['escalated']).not.toHaveProperty('eventDefinition');
  });

  it('accepts Camunda Modeler attributes for the same meanings', async () => {
    // given a service task configured with camunda:type="external" camunda:topic
    const [sut] = (await loadBpmn(inlineBpmn(SERVICE_REQUEST))).processes;
    // then the topic is read and the default retries apply; lean attributes still come from tandem:
    expect(sut!.nodes['sync']).toMatchObject({ type: 'serviceTask', topic: 'crm-sync', retries: 3, lean: { valueClass: 'NVA', wasteType: 'overprocessing' } });
  });

  it('strips the FEEL marker from conditions and records the default flow', async () => {
    // given a gateway with one conditional and one default flow; when loaded
    const [sut] = (await loadBpmn(inlineBpmn(SERVICE_REQUEST))).processes;
    // then the condition is plain FEEL and the default is named
    expect(sut!.flows['f3']).toEqual({ id: 'f3', name: 'needs CRM', sourceId: 'gw', targetId: 'sync', condition: 'category = "complaint"' });
    expect(sut!.flows['f4']).toEqual({ id: 'f4', sourceId: 'gw', targetId: 'wait' });
    expect(sut!.nodes['gw']).toMatchObject({ type: 'exclusiveGateway', defaultFlowId: 'f4' });
  });
});

describe('compileBpmn on models without <incoming>/<outgoing> references', () => {
  it("derives each node's flows from the sequence flows' sourceRef and targetRef", async () => {
    // given a hand-written model whose nodes do not list their flows
    const xml = inlineBpmn(`
      <bpmn:startEvent id="start" />
      <bpmn:exclusiveGateway id="gw" default="b" />
      <bpmn:userTask id="task" tandem:valueClass="VA" />
      <bpmn:endEvent id="end" />
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="gw" />
      <bpmn:sequenceFlow id="a" sourceRef="gw" targetRef="task"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">x</bpmn:conditionExpression></bpmn:sequenceFlow>
      <bpmn:sequenceFlow id="b" sourceRef="gw" targetRef="end" />
      <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" />`);
    // when loaded
    const { processes, problems } = await loadBpmn(xml);
    // then it is valid and the links are in document order
    expect(problems).toEqual([]);
    expect(processes[0]!.nodes['gw']).toMatchObject({ incoming: ['f1'], outgoing: ['a', 'b'] });
    expect(processes[0]!.nodes['end']).toMatchObject({ incoming: ['b', 'f2'], outgoing: [] });
  });
});

describe('compileBpmn on sub-processes', () => {
  it('keeps every node in one flat graph, with the sub-process each one sits in, its start event and its lane', async () => {
    // given a sub-process in a lane, holding a task and an event sub-process
    const xml = inlineBpmn(`
      <bpmn:laneSet id="ls"><bpmn:lane id="tier2"><bpmn:flowNodeRef>sub</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>
      <bpmn:startEvent id="start" />
      <bpmn:subProcess id="sub">
        <bpmn:startEvent id="s" /><bpmn:userTask id="inner" tandem:valueClass="VA" /><bpmn:endEvent id="e" />
        <bpmn:sequenceFlow id="i1" sourceRef="s" targetRef="inner" /><bpmn:sequenceFlow id="i2" sourceRef="inner" targetRef="e" />
      </bpmn:subProcess>
      <bpmn:endEvent id="end" />
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="sub" />
      <bpmn:sequenceFlow id="f2" sourceRef="sub" targetRef="end" />`);
    // when loaded
    const { processes, problems } = await loadBpmn(xml);
    // then the nested nodes name their sub-process and take its lane
    expect(problems).toEqual([]);
    const [sut] = processes;
    expect(sut!.nodes['sub']).toMatchObject({ type: 'subProcess', triggeredByEvent: false, startEventId: 's', eventSubProcessIds: [], laneId: 'tier2' });
    expect(sut!.nodes['inner']).toMatchObject({ parentId: 'sub', laneId: 'tier2', incoming: ['i1'] });
    expect(sut!.nodes['sub']).not.toHaveProperty('parentId');
    expect(sut).toMatchObject({ startEventId: 'start', startEventIds: ['start'], eventSubProcessIds: [] });
    expect(Object.keys(sut!.flows)).toEqual(['i1', 'i2', 'f1', 'f2']);
  });
});

describe('compileBpmn on tasklist settings', () => {
  it('carries the SLA, priority and escalation settings of a user task, a lane’s groups and the process priority', async () => {
    // given a task with every tasklist setting, in a lane naming its groups, in a process with a priority
    const xml = inlineBpmn(
      `
      <bpmn:laneSet id="ls">
        <bpmn:lane id="tier1" tandem:candidateGroups="first-line, golden-desk"><bpmn:flowNodeRef>start</bpmn:flowNodeRef><bpmn:flowNodeRef>task</bpmn:flowNodeRef><bpmn:flowNodeRef>end</bpmn:flowNodeRef></bpmn:lane>
      </bpmn:laneSet>
      <bpmn:startEvent id="start" />
      <bpmn:userTask id="task" tandem:valueClass="VA" tandem:dueIn="PT4H" tandem:followUpIn="PT1H" tandem:priority="= 90" tandem:escalateTo="experts" />
      <bpmn:endEvent id="end" />
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />
      <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" />`,
      'id="p" isExecutable="true" tandem:priority="60"',
    );
    // when loaded
    const { processes, problems } = await loadBpmn(xml);
    // then
    expect(problems).toEqual([]);
    expect(processes[0]!.priority).toBe('60');
    expect(processes[0]!.lanes[0]).toMatchObject({ id: 'tier1', candidateGroups: ['first-line', 'golden-desk'] });
    expect(processes[0]!.nodes['task']).toMatchObject({ dueIn: 'PT4H', followUpIn: 'PT1H', priority: '= 90', escalateTo: 'experts' });
  });
});

describe('compileBpmn on the unique business key', () => {
  it('marks a process whose business keys are unique, and no other', async () => {
    // given one process with tandem:uniqueBusinessKey="true" and one with "false"
    const content = '<bpmn:startEvent id="start" /><bpmn:endEvent id="end" /><bpmn:sequenceFlow id="f" sourceRef="start" targetRef="end" />';
    const unique = inlineBpmn(content, 'id="unique" isExecutable="true" tandem:uniqueBusinessKey="true"');
    const shared = inlineBpmn(content, 'id="shared" isExecutable="true" tandem:uniqueBusinessKey="false"');
    // when loaded
    const [loadedUnique, loadedShared] = await Promise.all([loadBpmn(unique), loadBpmn(shared)]);
    // then only the first carries the flag
    expect([loadedUnique.problems, loadedShared.problems]).toEqual([[], []]);
    expect(loadedUnique.processes[0]!.uniqueBusinessKey).toBe(true);
    expect(loadedShared.processes[0]!).not.toHaveProperty('uniqueBusinessKey');
  });
});

describe('compileBpmn on segments', () => {
  it('keeps the declared segment variables, trimmed and once each, and nothing when none are declared', async () => {
    // given a process declaring segments (with a blank and a repeat) and one declaring none
    const content = '<bpmn:startEvent id="start" /><bpmn:endEvent id="end" /><bpmn:sequenceFlow id="f" sourceRef="start" targetRef="end" />';
    const declared = inlineBpmn(content, 'id="declared" isExecutable="true" tandem:segments="channel, category,,customerTier,channel"');
    const plain = inlineBpmn(content, 'id="plain" isExecutable="true"');
    // when loaded
    const [loadedDeclared, loadedPlain] = await Promise.all([loadBpmn(declared), loadBpmn(plain)]);
    // then
    expect(loadedDeclared.processes[0]!.segments).toEqual(['channel', 'category', 'customerTier']);
    expect(loadedPlain.processes[0]!).not.toHaveProperty('segments');
  });
});
