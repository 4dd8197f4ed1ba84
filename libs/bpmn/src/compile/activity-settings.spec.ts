import { describe, expect, it } from '@jest/globals';
import { loadBpmn } from '../load-bpmn.js';
import { inlineBpmn } from '../testing/inline-bpmn.js';

/** start -> a service task `call` with the given zeebe: mappings (and other extensions) -> end, as Camunda 8 Modeler writes it. */
const zeebeModel = (mappings: string, extensions = '') =>
  inlineBpmn(`
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="call" name="Call API">
      <bpmn:extensionElements><zeebe:taskDefinition type="io.camunda:http-json:1" /><zeebe:ioMapping>${mappings}</zeebe:ioMapping>${extensions}</bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" />
    <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end" />`).replace('xmlns:camunda=', 'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:camunda=');

describe('compileIoMapping', () => {
  it('reads a zeebe: source without a leading = as a literal string, and one with = as FEEL', async () => {
    // given static values Camunda 8 maps as text, beside an expression
    const xml = zeebeModel(`
      <zeebe:input source="https://api.example.com/data/2.5/weather" target="url" />
      <zeebe:input source="weatherinfo@example.com" target="to" />
      <zeebe:input source="{{secrets.KEYCLOAK_TOKEN_URL}}" target="tokenUrl" />
      <zeebe:input source="say &quot;hi&quot; \\ bye" target="quoted" />
      <zeebe:input source="25" target="port" />
      <zeebe:output source="= response.body" target="weather" />`);

    // when
    const { processes, problems } = await loadBpmn(xml);

    // then
    expect(problems.filter(({ severity }) => severity === 'error')).toEqual([]);
    expect(processes[0].nodes.call).toMatchObject({
      ioMapping: {
        inputs: [
          { source: '"https://api.example.com/data/2.5/weather"', target: 'url' },
          { source: '"weatherinfo@example.com"', target: 'to' },
          { source: '"{{secrets.KEYCLOAK_TOKEN_URL}}"', target: 'tokenUrl' },
          { source: '"say \\"hi\\" \\\\ bye"', target: 'quoted' },
          { source: '"25"', target: 'port' },
        ],
        outputs: [{ source: 'response.body', target: 'weather' }],
      },
    });
  });

  it('refuses a zeebe: source after = that is not valid FEEL, naming the element and the mapping', async () => {
    // given
    const xml = zeebeModel(`<zeebe:input source="= 1 +" target="total" />`);

    // when
    const { problems } = await loadBpmn(xml);

    // then
    expect(problems.filter(({ severity }) => severity === 'error')).toEqual([
      expect.objectContaining({ elementId: 'call', rule: 'feel-expression', severity: 'error', message: expect.stringContaining("mapping to 'total'") }),
    ]);
  });

  it('keeps a tandem: source FEEL with the = optional', async () => {
    // given
    const xml = inlineBpmn(`
      <bpmn:startEvent id="start" />
      <bpmn:userTask id="work"><bpmn:extensionElements><tandem:ioMapping><tandem:input source="customer.name" target="name" /></tandem:ioMapping></bpmn:extensionElements></bpmn:userTask>
      <bpmn:endEvent id="end" />
      <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
      <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />`);

    // when
    const { processes } = await loadBpmn(xml);

    // then
    expect(processes[0].nodes.work).toMatchObject({ ioMapping: { inputs: [{ source: 'customer.name', target: 'name' }] } });
  });

  it('compiles zeebe:taskHeaders into the headers a worker gets, as text, and none when there are none', async () => {
    // given
    const headers = `<zeebe:taskHeaders><zeebe:header key="resultExpression" value="={weather: response.body}" /><zeebe:header key="retryBackoff" value="PT10S" /></zeebe:taskHeaders>`;

    // when
    const withHeaders = await loadBpmn(zeebeModel('', headers));
    const without = await loadBpmn(zeebeModel(''));

    // then
    expect(withHeaders.processes[0].nodes.call).toMatchObject({
      topic: 'io.camunda:http-json:1',
      headers: { resultExpression: '={weather: response.body}', retryBackoff: 'PT10S' },
    });
    expect(without.processes[0].nodes.call).not.toHaveProperty('headers');
  });
});
