import { describe, expect, it } from '@jest/globals';
import { loadBpmn } from '#bpmn';
import { connectorWarnings, externalJobTypes, unservedJobWarnings } from './connector-warnings.js';

/** One REST connector task whose token input is the given source. */
const model = (tokenSource: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="call">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="io.camunda:http-json:1" />
        <zeebe:ioMapping>
          <zeebe:input source="https://api.example.com" target="url" />
          <zeebe:input source="${tokenSource}" target="authentication.token" />
        </zeebe:ioMapping>
      </bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" />
    <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

const graphsOf = async (xml: string) => (await loadBpmn(xml)).processes;

describe('connectorWarnings', () => {
  it('warns about a secret no one configured, naming the element, the input and the secret', async () => {
    // given
    const graphs = await graphsOf(model('{{secrets.TOKEN}}'));
    // when
    const sut = connectorWarnings(graphs, { httpJson: true, secrets: { OTHER: 'x' } });
    // then
    expect(sut).toEqual([
      {
        elementId: 'call',
        rule: 'connector-secret',
        severity: 'warning',
        message: "'call' names secret 'TOKEN' in its input 'authentication.token', which is not configured: add it to TANDEM_SECRETS, or its jobs fail with an incident naming it.",
      },
    ]);
  });

  it('finds a secret inside a FEEL string too, and says nothing once it is configured', async () => {
    // given
    const graphs = await graphsOf(model('=&quot;{{secrets.TOKEN}}&quot;'));
    // when / then
    expect(connectorWarnings(graphs, { httpJson: true, secrets: {} })).toEqual([expect.objectContaining({ rule: 'connector-secret' })]);
    expect(connectorWarnings(graphs, { httpJson: true, secrets: { TOKEN: 't' } })).toEqual([]);
  });

  it('warns that no built-in worker serves REST connector tasks while the connector is off', async () => {
    // given
    const graphs = await graphsOf(model('{{secrets.TOKEN}}'));
    // when
    const sut = connectorWarnings(graphs, { httpJson: false, secrets: {} });
    // then
    expect(sut).toEqual([
      expect.objectContaining({
        elementId: 'call',
        rule: 'connector-job',
        message: expect.stringContaining('no connector runtime: serve job type io.camunda:http-json:1 with an external worker'),
      }),
    ]);
  });
});

describe('unservedJobWarnings', () => {
  /** A task per job type. */
  const jobs = (...types: string[]) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="start" />
    ${types.map((type, index) => `<bpmn:serviceTask id="job${index}"><bpmn:extensionElements><zeebe:taskDefinition type="${type}" /></bpmn:extensionElements></bpmn:serviceTask>`).join('\n')}
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="job0" />
    ${types
      .slice(1)
      .map((_type, index) => `<bpmn:sequenceFlow id="f${index + 1}" sourceRef="job${index}" targetRef="job${index + 1}" />`)
      .join('\n')}
    <bpmn:sequenceFlow id="fEnd" sourceRef="job${types.length - 1}" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

  it("asks about every job type but Camunda's connectors'", async () => {
    const graphs = await graphsOf(jobs('crm-sync', 'io.camunda:sendgrid:1', 'io.camunda:http-json:1', 'crm-sync', 'billing'));
    expect(externalJobTypes(graphs)).toEqual(['crm-sync', 'billing']);
  });

  it('warns per job whose type no worker has fetched, naming the element and the type', async () => {
    // given
    const graphs = await graphsOf(jobs('crm-sync', 'billing'));
    // when
    const sut = unservedJobWarnings(graphs, new Set(['crm-sync']));
    // then
    expect(sut).toEqual([
      {
        elementId: 'job1',
        rule: 'job-worker',
        severity: 'warning',
        message:
          "'job1' is a job of type 'billing', and no worker has fetched that type from this engine yet: start an external worker that fetches topic 'billing' (POST /api/external-tasks/fetch-and-lock), or its cases wait there.",
      },
    ]);
  });
});
