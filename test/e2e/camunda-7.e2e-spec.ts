import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, deploy, fixture, type TestApp } from './support/test-app.js';

const TANDEM = 'xmlns:tandem="https://tandem.dev/schema/bpmn/1.0"';

/** The documentation model, classified by a designer: the verification is value-added, the re-keying and the gateway's wait not. */
const classified = (xml: string): string =>
  xml
    .replace('xmlns:camunda=', `${TANDEM} xmlns:camunda=`)
    .replace('id="Task_Verify"', 'id="Task_Verify" tandem:valueClass="VA" tandem:standardMinutes="10"')
    .replace('id="Task_Rekey"', 'id="Task_Rekey" tandem:valueClass="NVA" tandem:standardMinutes="6"');

/** Issue 22: models made in Camunda Modeler for Camunda 7 deploy, and those meant to run run. */
describe('a new home for Camunda 7 processes', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
  });

  afterAll(async () => {
    await sut?.close();
  });

  describe('documentation-only models (every process isExecutable="false")', () => {
    let drawn: string;
    let documentation: { id: string; key: string; version: number };

    beforeAll(async () => {
      drawn = await fixture('camunda-7/complaint-documentation.bpmn');
      documentation = await deploy(sut.server, drawn);
    });

    it('deploy as a version marked not executable, naming what stands between it and a run', async () => {
      // when the drawing is deployed again (identical XML finds the same version)
      const response = await request(sut.server).post('/api/deployments').set('Content-Type', 'application/xml').send(drawn);
      // then it is answered with its version, not executable, and warnings only
      expect(response.status).toBe(201);
      expect(response.body.processVersions).toEqual([
        expect.objectContaining({ id: documentation.id, key: 'complaint-documentation', version: 1, executable: false, created: false }),
      ]);
      const warnings = response.body.warnings as Array<{ elementId: string | null; rule: string; severity: string; message: string }>;
      expect(warnings.every((warning) => warning.severity === 'warning')).toBe(true);
      expect(warnings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ elementId: null, rule: 'executable-process', message: expect.stringContaining('documentation only') }),
          expect.objectContaining({ elementId: 'Gateway_Who', rule: 'supported-element' }),
          expect.objectContaining({ elementId: 'Task_Rekey', rule: 'task-attributes' }),
        ]),
      );
    });

    it('open, and list with the flag', async () => {
      // when the version is read and the versions listed
      const opened = await request(sut.server).get(`/api/process-versions/${documentation.id}`);
      const listed = await request(sut.server).get('/api/process-versions?key=complaint-documentation');
      // then both say it is not executable, and the XML is the one deployed
      expect(opened.status).toBe(200);
      expect(opened.body).toMatchObject({ executable: false, xml: drawn });
      expect(listed.body).toEqual([expect.objectContaining({ id: documentation.id, executable: false })]);
    });

    it('refuse to start a case with 409 PROCESS_NOT_EXECUTABLE naming why, storing nothing', async () => {
      // when a case is started on the key
      const response = await request(sut.server).post('/api/processes/complaint-documentation/instances').send({ businessKey: 'c-1' });
      // then the answer says the model is documentation only and what to do
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({
        code: 'PROCESS_NOT_EXECUTABLE',
        details: { key: 'complaint-documentation', version: 1, processVersionId: documentation.id },
      });
      expect(response.body.message).toContain('isExecutable="false"');
      const instances = await request(sut.server).get('/api/instances?processKey=complaint-documentation');
      expect(instances.body).toEqual([]);
    });

    it('diff and compare their value classes with the next drawing', async () => {
      // given the drawing classified by a designer, deployed as version 2
      const next = await deploy(sut.server, classified(drawn));
      // when the two are diffed
      const response = await request(sut.server).get(`/api/process-versions/${documentation.id}/diff/${next.id}`);
      // then the classification shows in the NVA figures
      expect(response.status).toBe(200);
      expect(response.body.after).toMatchObject({ version: 2, executable: false });
      expect(response.body.values.before).toMatchObject({ nvaSteps: 0 });
      expect(response.body.values.after).toMatchObject({ nvaSteps: 1, nvaMinutes: 6, counts: { VA: 1, NVA: 1 } });
      expect(response.body.valueClassChanges).toContainEqual(expect.objectContaining({ id: 'Task_Rekey', before: null, after: 'NVA' }));
    });

    it('simulate where the graph allows', async () => {
      // given the classified drawing
      const version = await deploy(sut.server, classified(drawn).replace('Complaint handling (as drawn)', 'Complaint handling (simulated)'));
      // when a prediction runs it
      const response = await request(sut.server)
        .post('/api/simulations/predictions')
        .send({
          processVersionId: version.id,
          replications: 1,
          parameters: { seed: 3, start: '2026-02-02T00:00:00Z', horizon: { days: 1, drainDays: 1 }, arrivals: { perDay: 8 }, pools: [{ id: 'first-line', size: 2 }] },
        });
      // then cases ran through it
      expect(response.status).toBe(200);
      expect(response.body.figures.leadTimeMeanMinutes.runs).toBe(1);
    });

    it('start no case by a message, nor from a call activity', async () => {
      // given a documentation-only process with a message start event, and a runnable one calling the documentation
      const messageStarted = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:message id="m" name="complaint-filed" />
  <bpmn:process id="filed-documentation" isExecutable="false">
    <bpmn:startEvent id="filed"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent><bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="filed" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
      const caller = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="calls-documentation" isExecutable="true">
    <bpmn:startEvent id="start" /><bpmn:callActivity id="call" calledElement="complaint-documentation" /><bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" /><bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
      await deploy(sut.server, messageStarted);
      await deploy(sut.server, caller);
      // when the message is published and the caller started
      const published = await request(sut.server).post('/api/messages').send({ name: 'complaint-filed' });
      const called = await request(sut.server).post('/api/processes/calls-documentation/instances').send({});
      // then no subscription or start event takes the message, and the call is refused naming the version
      expect(published.status).toBe(404);
      expect(called.status).toBe(409);
      expect(called.body).toMatchObject({ code: 'PROCESS_NOT_EXECUTABLE', details: { key: 'complaint-documentation' } });
      expect((await request(sut.server).get('/api/instances?processKey=filed-documentation')).body).toEqual([]);
    });

    it('run once made executable', async () => {
      // given a drawing whose only process is not executable, then made executable (the modeler's checkbox)
      const drawing = (executable: boolean) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
  <bpmn:process id="callback-documentation" isExecutable="${executable}">
    <bpmn:startEvent id="start" /><bpmn:userTask id="call" name="Call back" camunda:candidateGroups="first-line" /><bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" /><bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
      await deploy(sut.server, drawing(false));
      const refused = await request(sut.server).post('/api/processes/callback-documentation/instances').send({});
      // when the executable one is deployed and a case started
      const executable = await deploy(sut.server, drawing(true));
      const started = await request(sut.server).post('/api/processes/callback-documentation/instances').send({});
      // then the first start was refused, the second waits at the task
      expect(refused.status).toBe(409);
      expect(executable).toMatchObject({ version: 2, executable: true });
      expect(started.status).toBe(201);
      expect(started.body.activeElementIds).toEqual(['call']);
    });
  });

  describe('models made in Camunda Modeler for Camunda 7', () => {
    const deployment = (xml: string, query = '') => request(sut.server).post(`/api/deployments${query}`).set('Content-Type', 'application/xml').send(xml);
    const openTask = async (instanceId: string) => {
      const tasks = (await request(sut.server).get(`/api/tasks?view=all&instanceId=${instanceId}&status=open`).expect(200)).body as Array<Record<string, unknown>>;
      return tasks[0]!;
    };
    /** The agent claims and starts the task (unless it is assigned to them already), then completes it. */
    const work = async (agent: string, group: string, taskId: unknown, variables: Record<string, unknown>) => {
      const client = await sut.signIn(agent, { roles: ['agent'], groups: [group] });
      const task = (await client.get(`/api/tasks/${String(taskId)}`).expect(200)).body as { assignee: string | null };
      if (task.assignee !== agent)
        await client
          .post(`/api/tasks/${String(taskId)}/claim`)
          .send({ start: true })
          .expect(200);
      return client
        .post(`/api/tasks/${String(taskId)}/complete`)
        .send({ variables })
        .expect(200);
    };
    const fetchAndLock = async (topic: string) =>
      (
        await request(sut.server)
          .post('/api/external-tasks/fetch-and-lock')
          .send({ workerId: 'c7-worker', maxTasks: 5, topics: [{ name: topic, lockDurationMs: 60_000 }] })
          .expect(200)
      ).body as Array<{ id: string; instanceId: string; variables: Record<string, unknown> }>;

    it('deploy with their JUEL translated into FEEL, the original kept beside it', async () => {
      // when the refund model is deployed
      const response = await deployment(await fixture('camunda-7/refund.bpmn'));
      // then every JUEL expression is listed with the FEEL it runs as
      expect(response.status).toBe(201);
      expect(response.body.warnings.filter(({ rule }: { rule: string }) => rule === 'camunda-7' || rule === 'juel-expression')).toEqual([]);
      expect(response.body.translations).toEqual(
        expect.arrayContaining([
          { elementId: 'Flow_Big', field: 'condition', juel: '${amount > 1000}', feel: 'amount > 1000' },
          { elementId: 'Flow_Small', field: 'condition', juel: '${amount le 1000}', feel: 'amount <= 1000' },
          { elementId: 'Flow_Yes', field: 'condition', juel: '${approved}', feel: 'approved' },
          { elementId: 'Flow_No', field: 'condition', juel: '#{!approved}', feel: 'approved != true' },
          { elementId: 'Task_Check', field: 'camunda:assignee', juel: '${clerk}', feel: '= clerk' },
          { elementId: 'Task_Check', field: 'camunda:priority', juel: '${vip ? 80 : 40}', feel: '= if vip then 80 else 40' },
          { elementId: 'Task_Pay', field: "input 'payee'", juel: '${customer.name}', feel: '= customer.name' },
          { elementId: 'Task_Pay', field: "output 'paidOn'", juel: '${paymentDate}', feel: '= paymentDate' },
        ]),
      );
      // and the version, opened again, keeps its XML as drawn and shows the same translations beside it
      const opened = await request(sut.server).get(`/api/process-versions/${response.body.processVersions[0].id}`);
      expect(opened.body.xml).toContain('${amount &gt; 1000}');
      expect(opened.body.translations).toEqual(response.body.translations);
    });

    it('run: assignee, candidate groups, priority, due date and form key from camunda: attributes, JUEL conditions, input and output parameters', async () => {
      // given a refund of 1,500 for a VIP customer, checked by ana within 4 hours
      const started = await request(sut.server)
        .post('/api/processes/refund-c7/instances')
        .send({ variables: { amount: 1500, vip: true, clerk: 'ana', responseTime: 'PT4H', customer: { name: 'Eve', email: 'eve@example.com' } } });
      expect(started.status).toBe(201);
      const instanceId = started.body.id as string;
      // then the check waits for ana, with the task settings the model gives in camunda: attributes
      const check = await openTask(instanceId);
      expect(check).toMatchObject({
        elementId: 'Task_Check',
        assignee: 'ana',
        candidateGroups: ['first-line', 'golden-desk'],
        priority: 80,
        formKey: 'embedded:app:forms/check-request.html',
        dueAt: new Date(sut.clock.now().getTime() + 4 * 3_600_000).toISOString(),
      });
      // when it is checked, the amount (over 1,000) sends it to the team leads, who approve it
      const checked = await work('ana', 'first-line', check.id, {});
      expect(checked.body.activeElementIds).toEqual(['Task_Approve']);
      const approved = await work('tom', 'team-leads', (await openTask(instanceId)).id, { approved: true });
      expect(approved.body.activeElementIds).toEqual(['Task_Pay']);
      // then the payment worker gets the task
      const [payment] = (await fetchAndLock('refund-payment')).filter((task) => task.instanceId === instanceId);
      // and when it pays, the output parameters bring the date and a receipt made of the input parameters (text, a map and a list) back to the case, which ends paid
      const paid = await request(sut.server)
        .post(`/api/external-tasks/${payment!.id}/complete`)
        .send({ workerId: 'c7-worker', variables: { paymentDate: '2026-01-06' } });
      expect(paid.status).toBe(200);
      expect(paid.body).toMatchObject({
        status: 'completed',
        variables: expect.objectContaining({ paidOn: '2026-01-06', receipt: 'Eve: 1500 EUR by bank transfer, to eve@example.com' }),
      });
    });

    it('run a rejection down the #{!approved} flow', async () => {
      // given a refund over 1,000, checked
      const { body } = await request(sut.server)
        .post('/api/processes/refund-c7/instances')
        .send({ variables: { amount: 2000, vip: false, clerk: 'ben', responseTime: 'P1D' } })
        .expect(201);
      await work('ben', 'first-line', (await openTask(body.id)).id, {});
      // when the team lead does not approve it
      const rejected = await work('tom', 'team-leads', (await openTask(body.id)).id, { approved: false });
      // then the case ends rejected
      expect(rejected.body).toMatchObject({ status: 'completed' });
      const steps = (await request(sut.server).get(`/api/instances/${body.id}/steps`).expect(200)).body as Array<{ elementId: string }>;
      expect(steps.map((step) => step.elementId)).toContain('End_Rejected');
    });

    it('refuse Java delegates with a 422 naming the topic to use, storing nothing', async () => {
      // when the credit check model with a camunda:class and a camunda:delegateExpression is deployed
      const response = await deployment(await fixture('camunda-7/delegates.bpmn'));
      // then each is named, with the external task to turn it into
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('BPMN_INVALID');
      expect(response.body.details.problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            elementId: 'Task_CheckCredit',
            rule: 'camunda-7',
            message: expect.stringContaining('turn this into an external task with topic CheckCredit'),
          }),
          expect.objectContaining({ elementId: 'Task_Notify', message: expect.stringContaining('external task with topic customerNotifier') }),
        ]),
      );
      expect((await request(sut.server).get('/api/process-versions?key=credit-c7')).body).toEqual([]);
    });

    it('convert Java delegates into external tasks with ?convert=external-tasks, and run them', async () => {
      // when deployed with the conversion
      const response = await deployment(await fixture('camunda-7/delegates.bpmn'), '?convert=external-tasks');
      // then the conversions are listed, topic the class's simple name or the bean
      expect(response.status).toBe(201);
      expect(response.body.conversions).toEqual([
        { elementId: 'Task_CheckCredit', attribute: 'camunda:class', value: 'com.acme.credit.CheckCredit', topic: 'CheckCredit' },
        { elementId: 'Task_Notify', attribute: 'camunda:delegateExpression', value: '${customerNotifier}', topic: 'customerNotifier' },
      ]);
      // and a case runs through both, each done by a worker
      const { body } = await request(sut.server).post('/api/processes/credit-c7/instances').send({}).expect(201);
      for (const topic of ['CheckCredit', 'customerNotifier']) {
        const [task] = (await fetchAndLock(topic)).filter((candidate) => candidate.instanceId === body.id);
        await request(sut.server).post(`/api/external-tasks/${task!.id}/complete`).send({ workerId: 'c7-worker' }).expect(200);
      }
      expect((await request(sut.server).get(`/api/instances/${body.id}`)).body.status).toBe('completed');
    });

    it('refuse an unknown conversion with 400 naming the field', async () => {
      const response = await deployment(await fixture('camunda-7/delegates.bpmn'), '?convert=everything');
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'DEPLOYMENT_CONVERT_INVALID', details: { field: 'convert', known: ['external-tasks'] } });
    });

    it('refuse JUEL beyond the subset with a 422 naming the element, the expression and what to do instead', async () => {
      // given the refund with a bean call as a condition and an unknown camunda: attribute
      const xml = (await fixture('camunda-7/refund.bpmn'))
        .replaceAll('"refund-c7"', '"refund-c7-bean"')
        .replace('${amount &gt; 1000}', '${refundPolicy.needsApproval(amount)}')
        .replace('camunda:topic="refund-payment"', 'camunda:topic="refund-payment" camunda:retryPolicy="3"');
      // when deployed
      const response = await deployment(xml);
      // then
      expect(response.status).toBe(422);
      expect(response.body.details.problems.filter(({ severity }: { severity: string }) => severity === 'error')).toEqual([
        expect.objectContaining({
          elementId: 'Flow_Big',
          rule: 'juel-expression',
          message:
            'The condition of SequenceFlow \'over 1,000\', "${refundPolicy.needsApproval(amount)}", cannot run: it calls the method needsApproval() of refundPolicy, which runs Java code in Camunda. ' +
            'Instead, let an external task worker compute the value (a service task with camunda:type="external" and a camunda:topic) and test the variable it sets instead, e.g. ${checked}.',
        }),
        expect.objectContaining({ elementId: 'Task_Pay', rule: 'camunda-7', message: expect.stringContaining('camunda:retryPolicy') }),
      ]);
      expect((await request(sut.server).get('/api/process-versions?key=refund-c7-bean')).body).toEqual([]);
    });

    it("run a business-rule task with Camunda 7's result shapes (resultList by default, singleEntry when asked)", async () => {
      // given a Camunda 7 model classifying the case twice, deployed beside the decision
      const bpmn = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
  <bpmn:process id="classify-c7" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:businessRuleTask id="asList" camunda:decisionRef="classification" camunda:resultVariable="classes" />
    <bpmn:businessRuleTask id="asValue" camunda:decisionRef="classification" camunda:resultVariable="class" camunda:mapDecisionResult="singleEntry" />
    <bpmn:userTask id="handle" camunda:candidateGroups="first-line" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="asList" /><bpmn:sequenceFlow id="f2" sourceRef="asList" targetRef="asValue" />
    <bpmn:sequenceFlow id="f3" sourceRef="asValue" targetRef="handle" /><bpmn:sequenceFlow id="f4" sourceRef="handle" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
      await request(sut.server)
        .post('/api/deployments')
        .attach('file', Buffer.from(bpmn), 'classify-c7.bpmn')
        .attach('file', Buffer.from(await fixture('classification.dmn')), 'classification.dmn')
        .expect(201);
      // when a large case starts
      const started = await request(sut.server)
        .post('/api/processes/classify-c7/instances')
        .send({ variables: { caseAmount: 5000 } });
      // then the default result is a list of entries, the single entry a value
      expect(started.status).toBe(201);
      expect(started.body.variables).toMatchObject({ classes: [{ class: 'large' }], class: 'large' });
    });

    it('refuse an unknown camunda:mapDecisionResult, naming it', async () => {
      const xml = `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
  <bpmn:process id="classify-c7-bad" isExecutable="true"><bpmn:startEvent id="start" />
    <bpmn:businessRuleTask id="rule" camunda:decisionRef="classification" camunda:mapDecisionResult="firstEntry" /><bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="rule" /><bpmn:sequenceFlow id="f2" sourceRef="rule" targetRef="end" />
  </bpmn:process></bpmn:definitions>`;
      const response = await deployment(xml);
      expect(response.status).toBe(422);
      expect(response.body.details.problems).toContainEqual(expect.objectContaining({ elementId: 'rule', rule: 'camunda-7', message: expect.stringContaining('"firstEntry"') }));
    });

    it('run a call activity with camunda:in and camunda:out: only the named variables go down and come back', async () => {
      // given a called process and a caller passing the amount and its business key down, the payer back
      const definitions = (content: string) =>
        `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">${content}</bpmn:definitions>`;
      await deploy(
        sut.server,
        definitions(`<bpmn:process id="refund-payment-c7" isExecutable="true"><bpmn:startEvent id="s" /><bpmn:userTask id="pay" camunda:candidateGroups="first-line" /><bpmn:endEvent id="e" />
          <bpmn:sequenceFlow id="c1" sourceRef="s" targetRef="pay" /><bpmn:sequenceFlow id="c2" sourceRef="pay" targetRef="e" /></bpmn:process>`),
      );
      await deploy(
        sut.server,
        definitions(`<bpmn:process id="refund-caller-c7" isExecutable="true"><bpmn:startEvent id="start" />
          <bpmn:callActivity id="callPayment" calledElement="refund-payment-c7"><bpmn:extensionElements>
            <camunda:in source="amount" target="refundAmount" /><camunda:in businessKey="#{execution.processBusinessKey}" /><camunda:out source="paidBy" target="payer" />
          </bpmn:extensionElements></bpmn:callActivity>
          <bpmn:userTask id="confirm" camunda:candidateGroups="first-line" /><bpmn:endEvent id="end" />
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="callPayment" /><bpmn:sequenceFlow id="f2" sourceRef="callPayment" targetRef="confirm" /><bpmn:sequenceFlow id="f3" sourceRef="confirm" targetRef="end" />
        </bpmn:process>`),
      );
      // when a case starts with the amount and something else
      const caller = (
        await request(sut.server)
          .post('/api/processes/refund-caller-c7/instances')
          .send({ businessKey: 'R-77', variables: { amount: 50, note: 'internal' } })
          .expect(201)
      ).body;
      // then the called instance has the amount under its new name and the business key, nothing else
      const [called] = (await request(sut.server).get('/api/instances?processKey=refund-payment-c7').expect(200)).body as Array<{ id: string }>;
      const calledInstance = (await request(sut.server).get(`/api/instances/${called!.id}`).expect(200)).body;
      expect(calledInstance).toMatchObject({ businessKey: 'R-77', variables: { refundAmount: 50 } });
      expect(calledInstance.variables).not.toHaveProperty('note');
      // and when it is paid, only the payer comes back
      await work('ana', 'first-line', (await openTask(called!.id)).id, { paidBy: 'ana', receiptNo: 'X1' });
      const after = (await request(sut.server).get(`/api/instances/${caller.id}`).expect(200)).body;
      expect(after).toMatchObject({ activeElementIds: ['confirm'], variables: { amount: 50, note: 'internal', payer: 'ana' } });
      expect(after.variables).not.toHaveProperty('receiptNo');
    });

    it("raise a camunda:errorEventDefinition's BPMN error from the worker's answer, caught by the boundary event", async () => {
      // given an external payment whose worker answers a status, and an error boundary event for declines
      await deploy(
        sut.server,
        `<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
  <bpmn:error id="Error_Declined" name="Declined" errorCode="PAYMENT_DECLINED" />
  <bpmn:process id="payment-c7" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="pay" camunda:type="external" camunda:topic="card-payment"><bpmn:extensionElements>
      <camunda:errorEventDefinition id="declinedMapping" errorRef="Error_Declined" expression="\${status == 'declined'}" />
    </bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:boundaryEvent id="declined" attachedToRef="pay"><bpmn:errorEventDefinition errorRef="Error_Declined" /></bpmn:boundaryEvent>
    <bpmn:userTask id="callCustomer" camunda:candidateGroups="first-line" /><bpmn:endEvent id="paid" /><bpmn:endEvent id="handled" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="pay" /><bpmn:sequenceFlow id="f2" sourceRef="pay" targetRef="paid" />
    <bpmn:sequenceFlow id="f3" sourceRef="declined" targetRef="callCustomer" /><bpmn:sequenceFlow id="f4" sourceRef="callCustomer" targetRef="handled" />
  </bpmn:process>
</bpmn:definitions>`,
      );
      const run = async (status: string) => {
        const { body } = await request(sut.server).post('/api/processes/payment-c7/instances').send({}).expect(201);
        const [task] = (await fetchAndLock('card-payment')).filter((candidate) => candidate.instanceId === body.id);
        return (await request(sut.server).post(`/api/external-tasks/${task!.id}/complete`).send({ workerId: 'c7-worker', variables: { status } }).expect(200)).body;
      };
      // when one worker answers "paid" and another "declined"
      const paid = await run('paid');
      const declined = await run('declined');
      // then the first case ends paid, the second is at the customer call the boundary event leads to
      expect(paid).toMatchObject({ status: 'completed' });
      expect(declined).toMatchObject({ status: 'active', activeElementIds: ['callCustomer'], variables: { status: 'declined' } });
    });
  });
});
