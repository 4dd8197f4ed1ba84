import { describe, expect, it } from '@jest/globals';
import { loadBpmn, validateDiagramModel } from '../load-bpmn.js';
import { parseBpmn } from '../parse/parse-bpmn.js';
import { inlineBpmn } from '../testing/inline-bpmn.js';
import { topicFor } from './camunda-7.js';

const START = '<bpmn:startEvent id="start" />';
const END = '<bpmn:endEvent id="end" />';
const FLOW = (id: string, source: string, target: string) => `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}" />`;
/** start -> the node under test (id "x") -> end, in a document that binds camunda: (inlineBpmn does). */
const around = (node: string) => inlineBpmn(`${START}${node}${END}${FLOW('f1', 'start', 'x')}${FLOW('f2', 'x', 'end')}`);
const errorsOf = async (xml: string) =>
  (await loadBpmn(xml)).problems.filter((problem) => problem.severity === 'error').map(({ elementId, rule, message }) => ({ elementId, rule, message }));

describe('readCamunda7, through loadBpmn', () => {
  it('translates JUEL in timers, multi-instance settings and the due date, keeping the originals on the graph', async () => {
    // given a user task looping over a collection, with a JUEL due date, and a timer catch event after it
    const xml = inlineBpmn(`${START}
      <bpmn:userTask id="x" camunda:dueDate="2026-03-01T09:00:00Z" camunda:followUpDate="\${followUp}">
        <bpmn:multiInstanceLoopCharacteristics camunda:collection="\${reviewers}" camunda:elementVariable="reviewer">
          <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">\${nrOfCompletedInstances &gt;= 2}</bpmn:completionCondition>
        </bpmn:multiInstanceLoopCharacteristics>
      </bpmn:userTask>
      <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">\${waitTime}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
      ${END}${FLOW('f1', 'start', 'x')}${FLOW('f2', 'x', 'wait')}${FLOW('f3', 'wait', 'end')}`);
    // when loaded
    const { processes, problems } = await loadBpmn(xml);
    // then it compiles with FEEL where the JUEL was
    expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    const [sut] = processes;
    expect(sut!.nodes['x']).toMatchObject({
      dueIn: '= date and time("2026-03-01T09:00:00Z")',
      followUpIn: '= followUp',
      loop: { type: 'multiInstance', inputCollection: 'reviewers', inputElement: 'reviewer', completionCondition: 'nrOfCompletedInstances >= 2' },
    });
    expect(sut!.nodes['wait']).toMatchObject({ eventDefinition: { type: 'timer', timeDuration: '= waitTime' } });
    expect(sut!.translations).toEqual([
      { elementId: 'x', field: 'camunda:followUpDate', juel: '${followUp}', feel: '= followUp' },
      { elementId: 'x', field: 'completionCondition', juel: '${nrOfCompletedInstances >= 2}', feel: 'nrOfCompletedInstances >= 2' },
      { elementId: 'x', field: 'camunda:collection', juel: '${reviewers}', feel: '= reviewers' },
      { elementId: 'wait', field: 'timeDuration', juel: '${waitTime}', feel: '= waitTime' },
    ]);
  });

  it('reads a collection given as a variable name, and a Camunda Form reference as a deployed form', async () => {
    const [sut] = (
      await loadBpmn(around('<bpmn:userTask id="x" camunda:formRef="refund-form"><bpmn:multiInstanceLoopCharacteristics camunda:collection="reviewers" /></bpmn:userTask>'))
    ).processes;
    expect(sut!.nodes['x']).toMatchObject({ formKey: 'form:refund-form', loop: { inputCollection: 'reviewers' } });
  });

  it('accepts asyncBefore, asyncAfter, exclusive and camunda:properties, changing nothing', async () => {
    const xml = around(
      '<bpmn:serviceTask id="x" camunda:type="external" camunda:topic="t" camunda:asyncBefore="true" camunda:asyncAfter="true" camunda:exclusive="false"><bpmn:extensionElements><camunda:properties><camunda:property name="a" value="b" /></camunda:properties></bpmn:extensionElements></bpmn:serviceTask>',
    );
    expect(await errorsOf(xml)).toEqual([]);
  });

  it.each([
    [
      'a connector',
      '<bpmn:serviceTask id="x"><bpmn:extensionElements><camunda:connector><camunda:connectorId>http-connector</camunda:connectorId></camunda:connector></bpmn:extensionElements></bpmn:serviceTask>',
      /make it an external task/,
    ],
    [
      'a script parameter',
      '<bpmn:task id="x"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="a"><camunda:script scriptFormat="groovy">1</camunda:script></camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:task>',
      /input 'a' of Task 'x' is a script/,
    ],
    ['candidate groups chosen by an expression', '<bpmn:userTask id="x" camunda:candidateGroups="${group}" />', /write them out/],
    ['an unknown attribute', '<bpmn:task id="x" camunda:frobnicate="yes" />', /camunda:frobnicate, which Tandem does not know/],
    [
      'an assignee calling a bean',
      '<bpmn:userTask id="x" camunda:assignee="${users.pick(group)}" />',
      /camunda:assignee of UserTask 'x', "\$\{users.pick\(group\)\}", cannot run: it calls the method pick\(\)/,
    ],
    ['a Java delegate on a send task', '<bpmn:sendTask id="x" camunda:expression="${mailer.send(execution)}" />', /external task with topic mailer.send/],
  ])('refuses %s, naming the element and what to do instead', async (_case, node, message) => {
    // when loaded; then the one error is the Camunda 7 reader's
    expect(await errorsOf(around(node))).toEqual([expect.objectContaining({ elementId: 'x', message: expect.stringMatching(message) })]);
  });

  it.each([
    [
      'a listener',
      '<bpmn:task id="x"><bpmn:extensionElements><camunda:executionListener class="com.acme.Audit" event="start" /></bpmn:extensionElements></bpmn:task>',
      /listener that runs Java code .* \(it is skipped\)/,
    ],
    ['generated form fields', '<bpmn:userTask id="x"><bpmn:extensionElements><camunda:formData /></bpmn:extensionElements></bpmn:userTask>', /form-js form/],
    ['the initiator variable', '<bpmn:task id="x" camunda:initiator="starter" />', /pass the user as a variable when the case starts/],
  ])('deploys with %s skipped, saying so in a warning', async (_case, node, message) => {
    // when loaded
    const { problems, processes } = await loadBpmn(around(node));
    // then it compiles, and a warning names what is not done
    expect(processes).toHaveLength(1);
    expect(problems).toContainEqual(expect.objectContaining({ elementId: 'x', rule: 'camunda-7', severity: 'warning', message: expect.stringMatching(message) }));
  });

  it('reads camunda:in and camunda:out of a call activity as its mappings, passing only what they name', async () => {
    // given a call activity passing two variables and the business key down, and one result back
    const xml = around(`<bpmn:callActivity id="x" calledElement="refund"><bpmn:extensionElements>
        <camunda:in source="amount" target="refundAmount" /><camunda:in sourceExpression="\${customer.id}" target="customerId" />
        <camunda:in businessKey="#{execution.processBusinessKey}" /><camunda:out source="refundId" target="refund" />
      </bpmn:extensionElements></bpmn:callActivity>`);
    // when loaded
    const { processes, problems } = await loadBpmn(xml);
    // then
    expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(processes[0]!.nodes['x']).toMatchObject({
      propagateAllParentVariables: false,
      ioMapping: {
        inputs: [
          { source: 'amount', target: 'refundAmount' },
          { source: 'customer.id', target: 'customerId' },
        ],
        outputs: [{ source: 'refundId', target: 'refund' }],
      },
    });
    expect(processes[0]!.nodes['x']).not.toHaveProperty('businessKey');
  });

  it('passes every variable with camunda:in variables="all", and a business key computed in JUEL', async () => {
    const xml = around(
      '<bpmn:callActivity id="x" calledElement="refund"><bpmn:extensionElements><camunda:in variables="all" /><camunda:in businessKey="${order.id}" /><camunda:out variables="all" /></bpmn:extensionElements></bpmn:callActivity>',
    );
    const [sut] = (await loadBpmn(xml)).processes;
    expect(sut!.nodes['x']).toMatchObject({ propagateAllParentVariables: true, businessKey: '= order.id' });
    expect(sut!.nodes['x']).not.toHaveProperty('ioMapping');
  });

  it.each([
    ['every variable and single ones back', '<camunda:out variables="all" /><camunda:out source="a" target="b" />', /either every variable .* or the mapped ones/],
    ['a source that is no variable name', '<camunda:in source="a.b" target="c" />', /source "a.b", which is not a variable name/],
  ])('refuses a call activity handing %s', async (_case, mappings, message) => {
    const xml = around(`<bpmn:callActivity id="x" calledElement="refund"><bpmn:extensionElements>${mappings}</bpmn:extensionElements></bpmn:callActivity>`);
    expect(await errorsOf(xml)).toEqual([expect.objectContaining({ elementId: 'x', rule: 'camunda-7', message: expect.stringMatching(message) })]);
  });

  it("reads camunda:errorEventDefinition on an external task as the errors its worker's answer raises", async () => {
    // given an external task raising "declined" when the worker says so
    const xml = around(`<bpmn:serviceTask id="x" camunda:type="external" camunda:topic="pay"><bpmn:extensionElements>
        <camunda:errorEventDefinition id="d1" errorRef="declined" expression="\${status == 'declined'}" />
      </bpmn:extensionElements></bpmn:serviceTask>`).replace('<bpmn:process', '<bpmn:error id="declined" errorCode="PAYMENT_DECLINED" /><bpmn:process');
    // when loaded
    const { processes, problems } = await loadBpmn(xml);
    // then the task carries the error and its FEEL
    expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(processes[0]!.nodes['x']).toMatchObject({ errorEventDefinitions: [{ errorCode: 'PAYMENT_DECLINED', expression: 'status = "declined"' }] });
  });

  it.each([
    ['an error that is not in the model', 'errorRef="missing" expression="${a}"', /refers to error "missing", which is no <error>/],
    ['no expression', 'errorRef="declined"', /needs an expression/],
  ])('refuses a camunda:errorEventDefinition with %s', async (_case, attributes, message) => {
    const xml = around(
      `<bpmn:serviceTask id="x" camunda:type="external" camunda:topic="pay"><bpmn:extensionElements><camunda:errorEventDefinition id="d1" ${attributes} /></bpmn:extensionElements></bpmn:serviceTask>`,
    ).replace('<bpmn:process', '<bpmn:error id="declined" errorCode="PAYMENT_DECLINED" /><bpmn:process');
    expect(await errorsOf(xml)).toEqual([expect.objectContaining({ elementId: 'x', rule: 'camunda-7', message: expect.stringMatching(message) })]);
  });

  it('refuses a condition written as a script', async () => {
    const xml = inlineBpmn(`${START}<bpmn:exclusiveGateway id="gw" default="b" />${END}<bpmn:endEvent id="other" />${FLOW('f1', 'start', 'gw')}
      <bpmn:sequenceFlow id="a" sourceRef="gw" targetRef="end"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="javascript">amount &gt; 1</bpmn:conditionExpression></bpmn:sequenceFlow>
      ${FLOW('b', 'gw', 'other')}`);
    expect(await errorsOf(xml)).toEqual([{ elementId: 'a', rule: 'juel-expression', message: expect.stringContaining('is a javascript script, which Tandem does not run') }]);
  });

  it('translates the JUEL conditions of a model that does not bind the camunda namespace (as BPMN MIWG reference models write them)', async () => {
    // given a gateway with JUEL conditions, in a model without xmlns:camunda
    const xml = inlineBpmn(`${START}<bpmn:exclusiveGateway id="gw" />${END}<bpmn:endEvent id="other" />${FLOW('f1', 'start', 'gw')}
      <bpmn:sequenceFlow id="yes" sourceRef="gw" targetRef="end"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${approved}</bpmn:conditionExpression></bpmn:sequenceFlow>
      <bpmn:sequenceFlow id="no" sourceRef="gw" targetRef="other"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${!approved}</bpmn:conditionExpression></bpmn:sequenceFlow>`).replace(
      'xmlns:camunda="http://camunda.org/schema/1.0/bpmn"',
      '',
    );
    // when loaded
    const { processes, problems } = await loadBpmn(xml);
    // then the conditions run as FEEL, `${...}` never being FEEL
    expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(processes[0]!.flows['no']).toMatchObject({ condition: 'approved != true' });
    expect(processes[0]!.translations).toEqual([
      { elementId: 'yes', field: 'condition', juel: '${approved}', feel: 'approved' },
      { elementId: 'no', field: 'condition', juel: '${!approved}', feel: 'approved != true' },
    ]);
  });

  it('leaves FEEL holding ${ in a string alone', async () => {
    // given FEEL conditions whose strings hold "${", with and without the camunda namespace
    const model = (namespaces: string) =>
      inlineBpmn(`${START}<bpmn:exclusiveGateway id="gw" default="b" />${END}<bpmn:endEvent id="other" />${FLOW('f1', 'start', 'gw')}
        <bpmn:sequenceFlow id="a" sourceRef="gw" targetRef="end"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">= note = "\${x}"</bpmn:conditionExpression></bpmn:sequenceFlow>
        ${FLOW('b', 'gw', 'other')}`).replace('xmlns:camunda="http://camunda.org/schema/1.0/bpmn"', namespaces);
    for (const xml of [model(''), model('xmlns:camunda="http://camunda.org/schema/1.0/bpmn"')]) {
      // when loaded; then the condition is the FEEL as written
      const [sut] = (await loadBpmn(xml)).processes;
      expect(sut!.flows['a']).toMatchObject({ condition: 'note = "${x}"' });
      expect(sut).not.toHaveProperty('translations');
    }
  });

  it('reports what it refuses in a documentation-only model as warnings', async () => {
    const xml = around('<bpmn:serviceTask id="x" camunda:class="com.acme.Pay" />').replace('isExecutable="true"', 'isExecutable="false"');
    const { problems, processes } = await loadBpmn(xml);
    expect(problems).toContainEqual(expect.objectContaining({ elementId: 'x', rule: 'camunda-7', severity: 'warning' }));
    expect(processes).toHaveLength(1);
  });

  it.each([
    ['class', 'com.acme.credit.CheckCredit', 'CheckCredit'],
    ['class', 'CheckCredit', 'CheckCredit'],
    ['delegateExpression', '${customerNotifier}', 'customerNotifier'],
    ['delegateExpression', '#{beans.notifier}', 'beans.notifier'],
    ['expression', '${orderService.ship(order)}', 'orderService.ship'],
  ] as const)('names the topic of camunda:%s="%s": %s', (attribute, value, topic) => {
    expect(topicFor(attribute, value)).toBe(topic);
  });

  it('validates a diagram as the deploy would, leaving its JUEL as the designer wrote it', async () => {
    // given a diagram in the modeler with a JUEL assignee and one beyond the subset
    const { definitions } = await parseBpmn(
      inlineBpmn(`${START}<bpmn:userTask id="x" camunda:assignee="\${clerk}" /><bpmn:userTask id="y" camunda:assignee="\${users.pick()}" />${END}
        ${FLOW('f1', 'start', 'x')}${FLOW('f2', 'x', 'y')}${FLOW('f3', 'y', 'end')}`),
    );
    // when validated
    const problems = validateDiagramModel(definitions);
    // then only the refusal is an error, and the diagram keeps its JUEL
    expect(problems.filter((problem) => problem.severity === 'error')).toEqual([expect.objectContaining({ elementId: 'y', rule: 'juel-expression' })]);
    const task = definitions.rootElements[0].flowElements.find((element: { id: string }) => element.id === 'x');
    expect(task.$attrs['camunda:assignee']).toBe('${clerk}');
  });
});
