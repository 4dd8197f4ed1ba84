import { describe, expect, it } from '@jest/globals';
import { BpmnModdle } from 'bpmn-moddle';
import { loadBpmn } from '../load-bpmn.js';
import { tandemDescriptor } from '../moddle/tandem.js';
import { inlineBpmn } from '../testing/inline-bpmn.js';

/** start -> a user task `review` with the given zeebe: extension elements -> end, as Camunda 8 Modeler writes it. */
const zeebeModel = (extensions: string, processExtensions = '') =>
  inlineBpmn(`
    ${processExtensions && `<bpmn:extensionElements>${processExtensions}</bpmn:extensionElements>`}
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="review" name="Review claim">
      <bpmn:extensionElements>${extensions}</bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />`).replace('xmlns:camunda=', 'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:camunda=');

const errorsOf = (problems: { severity: string }[]) => problems.filter(({ severity }) => severity === 'error');
/** Leaves out the value-class reminder every unclassified task gets. */
const problemsOf = (problems: { rule: string }[]) => problems.filter(({ rule }) => rule !== 'lean-attributes');

describe('Camunda 8 user tasks (zeebe:)', () => {
  it('compiles static assignment, schedule and priority to the task settings, and keeps the zeebe:userTask marker', async () => {
    // given
    const xml = zeebeModel(`
      <zeebe:userTask />
      <zeebe:assignmentDefinition assignee="ana" candidateGroups="first-line, second-line" candidateUsers="ben,eva" />
      <zeebe:taskSchedule dueDate="2026-03-05T17:00:00Z" followUpDate="2026-03-04T09:00:00+02:00" />
      <zeebe:priorityDefinition priority="80" />`);

    // when
    const { processes, problems } = await loadBpmn(xml);

    // then
    expect(errorsOf(problems)).toEqual([]);
    expect(processes[0].nodes.review).toMatchObject({
      type: 'userTask',
      zeebeUserTask: true,
      assignee: 'ana',
      candidateGroups: ['first-line', 'second-line'],
      candidateUsers: ['ben', 'eva'],
      dueIn: '2026-03-05T17:00:00Z',
      followUpIn: '2026-03-04T09:00:00+02:00',
      priority: '80',
      settingAttributes: {
        assignee: 'zeebe:assignmentDefinition assignee',
        candidateGroups: 'zeebe:assignmentDefinition candidateGroups',
        candidateUsers: 'zeebe:assignmentDefinition candidateUsers',
        dueIn: 'zeebe:taskSchedule dueDate',
        followUpIn: 'zeebe:taskSchedule followUpDate',
        priority: 'zeebe:priorityDefinition priority',
      },
    });
  });

  it('keeps = expressions as FEEL evaluated when the task is created, candidate lists as expressions', async () => {
    // given
    const xml = zeebeModel(`
      <zeebe:assignmentDefinition assignee="=claim.owner" candidateGroups="=if claim.amount &gt; 3000 then [&quot;experts&quot;] else [&quot;first-line&quot;]" candidateUsers="=claim.watchers" />
      <zeebe:taskSchedule dueDate="=claim.deadline" />
      <zeebe:priorityDefinition priority="=claim.urgency * 10" />`);

    // when
    const { processes, problems } = await loadBpmn(xml);

    // then
    expect(errorsOf(problems)).toEqual([]);
    expect(processes[0].nodes.review).toMatchObject({
      assignee: '=claim.owner',
      candidateGroups: [],
      candidateGroupsExpression: '=if claim.amount > 3000 then ["experts"] else ["first-line"]',
      candidateUsers: [],
      candidateUsersExpression: '=claim.watchers',
      dueIn: '=claim.deadline',
      priority: '=claim.urgency * 10',
    });
    expect(processes[0].nodes.review).not.toHaveProperty('zeebeUserTask');
  });

  it('lets tandem: attributes win over zeebe: ones, and names no zeebe: attribute for them', async () => {
    // given
    const xml = zeebeModel(`<zeebe:assignmentDefinition candidateGroups="zeebe-group" assignee="zed" />`).replace(
      '<bpmn:userTask id="review"',
      '<bpmn:userTask id="review" tandem:candidateGroups="tandem-group"',
    );

    // when
    const { processes } = await loadBpmn(xml);

    // then
    expect(processes[0].nodes.review).toMatchObject({ candidateGroups: ['tandem-group'], assignee: 'zed', settingAttributes: { assignee: 'zeebe:assignmentDefinition assignee' } });
    expect(processes[0].nodes.review).not.toHaveProperty('settingAttributes.candidateGroups');
  });

  it('refuses an = expression that does not parse, naming the element and the attribute', async () => {
    // given
    const xml = zeebeModel(`
      <zeebe:assignmentDefinition candidateGroups="=[&quot;a&quot;," />
      <zeebe:taskSchedule followUpDate="=now() +" />
      <zeebe:priorityDefinition priority="=(" />`);

    // when
    const { problems } = await loadBpmn(xml);

    // then
    expect(errorsOf(problems)).toEqual([
      expect.objectContaining({ elementId: 'review', rule: 'feel-expression', message: expect.stringContaining('The zeebe:assignmentDefinition candidateGroups of') }),
      expect.objectContaining({ elementId: 'review', rule: 'feel-expression', message: expect.stringContaining('The zeebe:taskSchedule followUpDate of') }),
      expect.objectContaining({ elementId: 'review', rule: 'feel-expression', message: expect.stringContaining('The zeebe:priorityDefinition priority of') }),
    ]);
  });

  it('refuses a static due date without a zone and a priority outside 0-100, naming the attribute', async () => {
    // given
    const xml = zeebeModel(`<zeebe:taskSchedule dueDate="2026-03-05 17:00" /><zeebe:priorityDefinition priority="101" />`);

    // when
    const { problems } = await loadBpmn(xml);

    // then
    expect(errorsOf(problems)).toEqual([
      expect.objectContaining({ elementId: 'review', rule: 'task-attributes', message: expect.stringContaining('The zeebe:taskSchedule dueDate "2026-03-05 17:00"') }),
      expect.objectContaining({ elementId: 'review', rule: 'task-attributes', message: expect.stringContaining('The zeebe:priorityDefinition priority "101"') }),
    ]);
  });
});

describe('Camunda 8 forms (zeebe:formDefinition)', () => {
  it('maps a linked form (formId) to the deployed form of that id', async () => {
    // when
    const { processes, problems } = await loadBpmn(zeebeModel(`<zeebe:userTask /><zeebe:formDefinition formId="claim-review" />`));

    // then
    expect(errorsOf(problems)).toEqual([]);
    expect(processes[0].nodes.review).toMatchObject({ formKey: 'form:claim-review' });
  });

  it("keeps a custom form key as an outside app's, and an external reference as the form's address", async () => {
    // when
    const custom = await loadBpmn(zeebeModel(`<zeebe:formDefinition formKey="app:claims/review" />`));
    const external = await loadBpmn(zeebeModel(`<zeebe:userTask /><zeebe:formDefinition externalReference="https://forms.example.com/claims/review" />`));

    // then
    expect(custom.processes[0].nodes.review).toMatchObject({ formKey: 'app:claims/review' });
    expect(errorsOf(external.problems)).toEqual([]);
    expect(external.processes[0].nodes.review).toMatchObject({ externalFormReference: 'https://forms.example.com/claims/review' });
    expect(external.processes[0].nodes.review).not.toHaveProperty('formKey');
  });

  it('refuses an external reference written as FEEL, naming the element and the attribute', async () => {
    // when
    const { problems } = await loadBpmn(zeebeModel(`<zeebe:formDefinition externalReference="=formUrl" />`));

    // then
    expect(errorsOf(problems)).toEqual([
      expect.objectContaining({ elementId: 'review', rule: 'user-task-form', message: expect.stringContaining('zeebe:formDefinition externalReference') }),
    ]);
  });

  it('renders a legacy embedded form (camunda-forms:bpmn:) as the task form when it is a form-js schema', async () => {
    // given the form JSON as Camunda Modeler embeds it in the process
    const form = JSON.stringify({ type: 'default', id: 'Form_1', components: [{ type: 'textfield', key: 'decision', label: 'Decision', id: 'Field_1' }] });
    const xml = zeebeModel(`<zeebe:formDefinition formKey="camunda-forms:bpmn:userTaskForm_1" />`, `<zeebe:userTaskForm id="userTaskForm_1">${form}</zeebe:userTaskForm>`);

    // when
    const { processes, problems } = await loadBpmn(xml);

    // then
    expect(problemsOf(problems)).toEqual([]);
    expect(processes[0].nodes.review).toMatchObject({ form: { components: [expect.objectContaining({ key: 'decision' })] } });
    expect(processes[0].nodes.review).not.toHaveProperty('formKey');
  });

  it('deploys a legacy embedded form it cannot render with a warning, keeping the form key', async () => {
    // given a form whose component type the engine does not know
    const form = JSON.stringify({ components: [{ type: 'signature-pad', key: 'sig' }] });
    const xml = zeebeModel(`<zeebe:formDefinition formKey="camunda-forms:bpmn:userTaskForm_1" />`, `<zeebe:userTaskForm id="userTaskForm_1">${form}</zeebe:userTaskForm>`);

    // when
    const { processes, problems } = await loadBpmn(xml);

    // then
    expect(problemsOf(problems)).toEqual([
      expect.objectContaining({ elementId: 'review', rule: 'user-task-form', severity: 'warning', message: expect.stringContaining('camunda-forms:bpmn:userTaskForm_1') }),
    ]);
    expect(processes[0].nodes.review).toMatchObject({ formKey: 'camunda-forms:bpmn:userTaskForm_1' });
    expect(processes[0].nodes.review).not.toHaveProperty('form');
  });
});

describe('zeebe:properties', () => {
  it('keeps the properties of flow nodes, sequence flows and the process in the compiled graph', async () => {
    // given
    const xml = zeebeModel(
      `<zeebe:properties><zeebe:property name="sla-tier" value="gold" /><zeebe:property name="empty" /></zeebe:properties>`,
      `<zeebe:properties><zeebe:property name="owner" value="service-ops" /></zeebe:properties>`,
    )
      .replace(
        '<bpmn:endEvent id="end" />',
        '<bpmn:endEvent id="end"><bpmn:extensionElements><zeebe:properties><zeebe:property name="kpi" value="resolution" /></zeebe:properties></bpmn:extensionElements></bpmn:endEvent>',
      )
      .replace(
        '<bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />',
        '<bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end"><bpmn:extensionElements><zeebe:properties><zeebe:property name="path" value="happy" /></zeebe:properties></bpmn:extensionElements></bpmn:sequenceFlow>',
      );

    // when
    const { processes, problems } = await loadBpmn(xml);

    // then
    expect(problemsOf(problems)).toEqual([]);
    expect(processes[0].properties).toEqual({ owner: 'service-ops' });
    expect(processes[0].nodes.review.properties).toEqual({ 'sla-tier': 'gold', empty: '' });
    expect(processes[0].nodes.end.properties).toEqual({ kpi: 'resolution' });
    expect(processes[0].flows.f2.properties).toEqual({ path: 'happy' });
    expect(processes[0].nodes.start).not.toHaveProperty('properties');
    expect(processes[0].flows.f1).not.toHaveProperty('properties');
  });
});

describe('the modeler keeps the zeebe: extension elements on save', () => {
  it('round-trips them through the moddle the web modeler loads (tandem: descriptor only), compiling to the same task', async () => {
    // given a Camunda 8 user task with every extension element this slice reads
    const xml = zeebeModel(
      `<zeebe:userTask /><zeebe:formDefinition formId="claim-review" />
      <zeebe:assignmentDefinition assignee="=claim.owner" candidateGroups="first-line" candidateUsers="=claim.watchers" />
      <zeebe:taskSchedule dueDate="2026-03-05T17:00:00Z" followUpDate="=claim.followUp" /><zeebe:priorityDefinition priority="70" />
      <zeebe:properties><zeebe:property name="sla-tier" value="gold" /></zeebe:properties>`,
      `<zeebe:properties><zeebe:property name="owner" value="service-ops" /></zeebe:properties>`,
    );
    const moddle = new BpmnModdle({ tandem: tandemDescriptor });

    // when it is read and written again, as bpmn-js's importXML and saveXML do
    const { rootElement } = await moddle.fromXML(xml, 'bpmn:Definitions');
    const saved = (await moddle.toXML(rootElement, { format: true })).xml;

    // then every zeebe: element is still there and the task compiles the same
    for (const element of ['userTask', 'formDefinition', 'assignmentDefinition', 'taskSchedule', 'priorityDefinition', 'properties', 'property']) {
      expect(saved).toContain(`<zeebe:${element}`);
    }
    const [before, after] = await Promise.all([loadBpmn(xml), loadBpmn(saved)]);
    expect(after.processes[0]).toEqual(before.processes[0]);
  });
});
