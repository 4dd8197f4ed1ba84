import { describe, expect, it } from '@jest/globals';
import { loadBpmn } from '../../load-bpmn.js';
import { inlineBpmn } from '../../testing/inline-bpmn.js';

/** start -> the given business-rule task (id `route`) -> end, with camunda: and zeebe: bound. */
const withTask = (task: string) =>
  inlineBpmn(`
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    ${task}
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="route" />
    <bpmn:sequenceFlow id="f2" sourceRef="route" targetRef="end" />`).replace('xmlns:camunda=', 'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:camunda=');

const FLOWS = '<bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>';

describe('business-rule tasks', () => {
  it.each([
    ['tandem:', `<bpmn:businessRuleTask id="route" name="Route" tandem:decisionRef="routing" tandem:resultVariable="route">${FLOWS}</bpmn:businessRuleTask>`],
    ['camunda:', `<bpmn:businessRuleTask id="route" name="Route" camunda:decisionRef="routing" camunda:resultVariable="route">${FLOWS}</bpmn:businessRuleTask>`],
    [
      'zeebe:calledDecision',
      `<bpmn:businessRuleTask id="route" name="Route"><bpmn:extensionElements><zeebe:calledDecision decisionId="routing" resultVariable="route" /></bpmn:extensionElements>${FLOWS}</bpmn:businessRuleTask>`,
    ],
  ])('compile with the decision reference and result variable given as %s', async (_dialect, task) => {
    // given a business-rule task in one of the accepted dialects; when loaded
    const { processes, problems } = await loadBpmn(withTask(task));
    // then it is executable and calls the routing decision into `route`
    expect(problems).toEqual([]);
    expect(processes[0].nodes.route).toMatchObject({ type: 'businessRuleTask', decisionRef: 'routing', resultVariable: 'route' });
  });

  it('are refused with a problem naming the task when no decision is referenced', async () => {
    // given a business-rule task without a decision reference; when loaded
    const { processes, problems } = await loadBpmn(withTask(`<bpmn:businessRuleTask id="route" name="Route">${FLOWS}</bpmn:businessRuleTask>`));
    // then the deploy would fail, naming the task and what to set
    expect(processes).toEqual([]);
    expect(problems).toEqual([
      {
        elementId: 'route',
        rule: 'business-rule-task',
        severity: 'error',
        message: expect.stringContaining("BusinessRuleTask 'Route' names no decision; set tandem:decisionRef"),
      },
    ]);
  });

  it('get a warning, not an error, without a result variable', async () => {
    // given a task whose result goes nowhere; when loaded
    const { processes, problems } = await loadBpmn(withTask(`<bpmn:businessRuleTask id="route" tandem:decisionRef="routing">${FLOWS}</bpmn:businessRuleTask>`));
    // then it compiles, with a warning
    expect(processes).toHaveLength(1);
    expect(problems).toEqual([expect.objectContaining({ elementId: 'route', rule: 'business-rule-task', severity: 'warning' })]);
  });

  it('report a FEEL decision reference that does not parse', async () => {
    // given a reference starting with = that is not FEEL; when loaded
    const { problems } = await loadBpmn(withTask(`<bpmn:businessRuleTask id="route" tandem:decisionRef="= table +" tandem:resultVariable="r">${FLOWS}</bpmn:businessRuleTask>`));
    // then
    expect(problems).toEqual([expect.objectContaining({ elementId: 'route', rule: 'feel-expression', severity: 'error' })]);
  });

  it('report a zeebe:calledDecision decisionId after = that does not parse, naming the attribute', async () => {
    // given a Camunda 8 decisionId expression that is not FEEL; when loaded
    const task = `<bpmn:businessRuleTask id="route"><bpmn:extensionElements><zeebe:calledDecision decisionId="= &quot;routing-&quot; +" resultVariable="r" /></bpmn:extensionElements>${FLOWS}</bpmn:businessRuleTask>`;
    const { problems } = await loadBpmn(withTask(task));
    // then
    expect(problems).toEqual([
      expect.objectContaining({ elementId: 'route', rule: 'feel-expression', severity: 'error', message: expect.stringContaining('zeebe:calledDecision decisionId') }),
    ]);
  });

  it('compile a zeebe:taskDefinition as a job of its type, with no decision named', async () => {
    // given a Camunda 8 business-rule task implemented by a job worker; when loaded
    const { processes, problems } = await loadBpmn(
      withTask(
        `<bpmn:businessRuleTask id="route" tandem:valueClass="BVA"><bpmn:extensionElements><zeebe:taskDefinition type="route-case" /></bpmn:extensionElements>${FLOWS}</bpmn:businessRuleTask>`,
      ),
    );
    // then
    expect(problems).toEqual([]);
    expect(processes[0].nodes.route).toMatchObject({ type: 'businessRuleTask', decisionRef: '', externalTask: { topic: 'route-case', retries: 3 } });
  });

  it.each([
    [
      'a called decision beside a job',
      '<zeebe:calledDecision decisionId="routing" resultVariable="r" /><zeebe:taskDefinition type="route-case" />',
      'error',
      'has both a called decision and a zeebe:taskDefinition',
    ],
    [
      'bindingType versionTag, which decisions cannot honor',
      '<zeebe:calledDecision decisionId="routing" resultVariable="r" bindingType="versionTag" versionTag="v1" />',
      'error',
      'bindingType "versionTag"',
    ],
    [
      'bindingType deployment, evaluated as latest',
      '<zeebe:calledDecision decisionId="routing" resultVariable="r" bindingType="deployment" />',
      'warning',
      'bindingType="deployment"',
    ],
  ])('report %s, naming the task', async (_case, extensions, severity, message) => {
    // given; when loaded
    const { problems } = await loadBpmn(
      withTask(`<bpmn:businessRuleTask id="route" tandem:valueClass="BVA"><bpmn:extensionElements>${extensions}</bpmn:extensionElements>${FLOWS}</bpmn:businessRuleTask>`),
    );
    // then
    expect(problems).toEqual([expect.objectContaining({ elementId: 'route', rule: 'business-rule-task', severity, message: expect.stringContaining(message) })]);
  });

  it('can carry boundary events', async () => {
    // given an error boundary event on a business-rule task
    const task = `<bpmn:businessRuleTask id="route" tandem:decisionRef="routing" tandem:resultVariable="r">${FLOWS}</bpmn:businessRuleTask>
      <bpmn:boundaryEvent id="failed" attachedToRef="route"><bpmn:outgoing>f3</bpmn:outgoing><bpmn:errorEventDefinition /></bpmn:boundaryEvent>
      <bpmn:endEvent id="failedEnd"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="f3" sourceRef="failed" targetRef="failedEnd" />`;
    // when loaded; then
    const { processes, problems } = await loadBpmn(withTask(task));
    expect(problems).toEqual([]);
    expect(processes[0].nodes.route.boundaryEventIds).toEqual(['failed']);
  });
});
