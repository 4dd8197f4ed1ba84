import { describe, expect, it } from '@jest/globals';
import { loadBpmn, validateDiagramModel } from '../../load-bpmn.js';
import { parseBpmn } from '../../parse/parse-bpmn.js';

const ZEEBE = 'http://camunda.org/schema/zeebe/1.0';

/** One service task of the job type, as Camunda Modeler writes it for Camunda 8. */
const model = (type: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="${ZEEBE}" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="task" name="Mail the customer">
      <bpmn:extensionElements><zeebe:taskDefinition type="${type}" /></bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />
    <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

const problemsOf = async (xml: string) => (await loadBpmn(xml)).problems.filter(({ rule }) => rule === 'connector-job');

describe('connector-job', () => {
  it('warns about a Camunda connector no built-in worker serves, naming the element and the job type', async () => {
    // when
    const problems = await problemsOf(model('io.camunda:sendgrid:1'));
    // then
    expect(problems).toEqual([
      {
        elementId: 'task',
        rule: 'connector-job',
        severity: 'warning',
        message: expect.stringContaining(
          "Camunda's SendGrid connector (job type io.camunda:sendgrid:1), and Tandem has no connector runtime: serve job type io.camunda:sendgrid:1 with an external worker",
        ),
      },
    ]);
  });

  it('warns about an io.camunda: job type it does not know by name', async () => {
    expect(await problemsOf(model('io.camunda:some-new-connector:2'))).toEqual([expect.objectContaining({ elementId: 'task', severity: 'warning' })]);
  });

  it.each(['io.camunda:http-json:1', 'crm-sync'])('says nothing about %s (served built in, or an ordinary job type)', async (type) => {
    expect(await problemsOf(model(type))).toEqual([]);
  });

  it("shows in the modeler's live validation as a warning, not an error", async () => {
    // given the diagram as the modeler holds it
    const { definitions } = await parseBpmn(model('io.camunda:slack:1'));
    // when validated as the problems panel does
    const problems = validateDiagramModel(definitions).filter(({ rule }) => rule === 'connector-job');
    // then
    expect(problems).toEqual([
      expect.objectContaining({ elementId: 'task', severity: 'warning', message: expect.stringContaining('serve job type io.camunda:slack:1 with an external worker') }),
    ]);
  });
});
