import { describe, expect, it } from '@jest/globals';
import { loadBpmn } from '../load-bpmn.js';
import { inlineBpmn } from '../testing/inline-bpmn.js';

/** start -> a call activity `handle` with the given zeebe: extensions -> end, as Camunda Modeler writes it for Camunda 8. */
const zeebeModel = (extensions: string) =>
  inlineBpmn(`
    <bpmn:startEvent id="start" />
    <bpmn:callActivity id="handle" name="Handle complaint">
      <bpmn:extensionElements>${extensions}</bpmn:extensionElements>
    </bpmn:callActivity>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="handle" />
    <bpmn:sequenceFlow id="f2" sourceRef="handle" targetRef="end" />`).replace('xmlns:camunda=', 'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:camunda=');

describe('calledProcessOf', () => {
  it('reads zeebe:calledElement with both propagations on by default, as in Camunda 8', async () => {
    // given
    const xml = zeebeModel('<zeebe:calledElement processId="complaint" />');

    // when
    const { processes, problems } = await loadBpmn(xml);

    // then
    expect(problems.filter(({ severity }) => severity === 'error')).toEqual([]);
    expect(processes[0].nodes.handle).toMatchObject({
      type: 'callActivity',
      processKey: 'complaint',
      binding: 'latest',
      propagateAllParentVariables: true,
      propagateAllChildVariables: true,
    });
  });

  it('reads propagateAllParentVariables and propagateAllChildVariables set to false, and a processId in FEEL', async () => {
    // given
    const xml = zeebeModel('<zeebe:calledElement processId="= &quot;complaint-&quot; + channel" propagateAllParentVariables="false" propagateAllChildVariables="false" />');

    // when
    const { processes } = await loadBpmn(xml);

    // then
    expect(processes[0].nodes.handle).toMatchObject({ processKey: '= "complaint-" + channel', propagateAllParentVariables: false, propagateAllChildVariables: false });
  });

  it('refuses a processId after = that is not valid FEEL, naming the element and the attribute', async () => {
    // given
    const xml = zeebeModel('<zeebe:calledElement processId="= &quot;complaint-&quot; +" />');

    // when
    const { processes, problems } = await loadBpmn(xml);

    // then
    expect(processes).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({ elementId: 'handle', rule: 'feel-expression', severity: 'error', message: expect.stringContaining('zeebe:calledElement processId') }),
    ]);
  });

  it('binds by version tag with bindingType versionTag, and to the newest version otherwise', async () => {
    // given; when
    const tagged = await loadBpmn(zeebeModel('<zeebe:calledElement processId="complaint" bindingType="versionTag" versionTag="v2" />'));
    const latest = await loadBpmn(zeebeModel('<zeebe:calledElement processId="complaint" bindingType="latest" />'));

    // then
    expect(tagged.processes[0].nodes.handle).toMatchObject({ binding: { versionTag: 'v2' } });
    expect(latest.processes[0].nodes.handle).toMatchObject({ binding: 'latest' });
  });

  it('warns that bindingType deployment calls the newest version, naming the element', async () => {
    // given; when
    const { processes, problems } = await loadBpmn(zeebeModel('<zeebe:calledElement processId="complaint" bindingType="deployment" />'));

    // then
    expect(processes[0].nodes.handle).toMatchObject({ binding: 'latest' });
    expect(problems).toContainEqual(
      expect.objectContaining({ elementId: 'handle', rule: 'called-element', severity: 'warning', message: expect.stringContaining('bindingType="deployment"') }),
    );
  });

  it.each([
    ['no processId', '<zeebe:calledElement />', 'names no process to call; set zeebe:calledElement processId'],
    ['an unknown bindingType', '<zeebe:calledElement processId="complaint" bindingType="newest" />', 'zeebe:calledElement bindingType "newest"'],
    ['bindingType versionTag without a versionTag', '<zeebe:calledElement processId="complaint" bindingType="versionTag" />', 'zeebe:calledElement versionTag is empty'],
  ])('refuses %s, naming the element and the attribute', async (_case, extension, message) => {
    // given; when
    const { processes, problems } = await loadBpmn(zeebeModel(extension));

    // then
    expect(processes).toEqual([]);
    expect(problems.filter(({ severity }) => severity === 'error')).toEqual([
      expect.objectContaining({ elementId: 'handle', rule: 'called-element', message: expect.stringContaining(message) }),
    ]);
  });
});
