import { describe, expect, it } from '@jest/globals';
import { loadBpmn } from '../../load-bpmn.js';
import { inlineBpmn } from '../../testing/inline-bpmn.js';

/** A process with the given zeebe: process extensions and a service task `call` with the given ones, as Camunda Modeler writes them. */
const model = (processExtensions: string, taskExtensions = '') =>
  inlineBpmn(
    `${processExtensions && `<bpmn:extensionElements>${processExtensions}</bpmn:extensionElements>`}
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="call" name="Run robot" tandem:valueClass="VA">
      <bpmn:extensionElements><zeebe:taskDefinition type="camunda::RPA" />${taskExtensions}</bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" />
    <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end" />`,
    'id="p" name="Robot run" isExecutable="true"',
  ).replace('xmlns:camunda=', 'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:camunda=');

const errorsOf = async (xml: string) => (await loadBpmn(xml)).problems.filter(({ severity }) => severity === 'error');

describe('zeebe deployment settings', () => {
  it('keep a zeebe:versionTag on the process graph, trimmed', async () => {
    // given; when
    const { processes, problems } = await loadBpmn(model('<zeebe:versionTag value=" v2.1 " />'));

    // then
    expect(problems.filter(({ severity }) => severity === 'error')).toEqual([]);
    expect(processes[0]).toMatchObject({ key: 'p', versionTag: 'v2.1' });
  });

  it('leave the graph without a version tag when the process has none', async () => {
    // given; when
    const { processes } = await loadBpmn(model(''));

    // then
    expect(processes[0]).not.toHaveProperty('versionTag');
  });

  it('refuse a zeebe:versionTag longer than a version tag may be, naming the process and the attribute', async () => {
    // given; when
    const errors = await errorsOf(model(`<zeebe:versionTag value="${'x'.repeat(41)}" />`));

    // then
    expect(errors).toEqual([expect.objectContaining({ elementId: 'p', rule: 'zeebe-deployment-settings', message: expect.stringContaining('zeebe:versionTag value of process') })]);
  });

  it('refuse zeebe:linkedResources, naming the element', async () => {
    // given
    const linked = '<zeebe:linkedResources><zeebe:linkedResource resourceId="invoice-robot" resourceType="RPA" linkName="RPAScript" /></zeebe:linkedResources>';

    // when
    const errors = await errorsOf(model('', linked));

    // then
    expect(errors).toEqual([expect.objectContaining({ elementId: 'call', rule: 'zeebe-deployment-settings', message: expect.stringContaining('has zeebe:linkedResources') })]);
  });
});
