import { describe, expect, it } from '@jest/globals';
import { loadBpmn } from '../../load-bpmn.js';

/** start -> task -> end in Camunda Modeler's Camunda 8 shape, with the given zeebe: extensions on the process and the task. */
const zeebeModel = (onProcess: string, onTask: string, prefix = 'zeebe') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:${prefix}="http://camunda.org/schema/zeebe/1.0"
  xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="defs" targetNamespace="http://bpmn.io/schema/bpmn"
  modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.6.0">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:extensionElements>${onProcess}</bpmn:extensionElements>
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="task" name="Check the order">
      <bpmn:extensionElements><${prefix}:taskDefinition type="check-order" />${onTask}</bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />
    <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

const rule = async (xml: string) => (await loadBpmn(xml)).problems.filter((problem) => problem.rule === 'camunda-8');

describe('the zeebe: extension elements of a Camunda 8 model', () => {
  it('pass when Tandem runs or keeps them', async () => {
    // given a job worker task with headers and properties, and a version tag on the process
    const xml = zeebeModel(
      '<zeebe:versionTag value="v2" />',
      '<zeebe:taskHeaders><zeebe:header key="a" value="b" /></zeebe:taskHeaders><zeebe:properties><zeebe:property name="team" value="ops" /></zeebe:properties>',
    );

    // when / then
    expect(await rule(xml)).toEqual([]);
  });

  it('refuse execution and task listeners by name, saying what to model instead, under any prefix', async () => {
    // given execution listeners on the task and on the process, the namespace bound to another prefix
    const xml = zeebeModel(
      '<z:executionListeners><z:executionListener eventType="start" type="audit" /></z:executionListeners>',
      '<z:executionListeners><z:executionListener eventType="end" type="notify" /></z:executionListeners>',
      'z',
    );

    // when
    const problems = await rule(xml);

    // then
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'error', elementId: 'p', message: expect.stringContaining('zeebe:executionListeners') }),
      expect.objectContaining({ severity: 'error', elementId: 'task', message: expect.stringMatching(/Check the order.*zeebe:executionListeners.*service tasks before or after/) }),
    ]);
  });

  it('warn about an element Camunda 8 added that Tandem does not know', async () => {
    // given a zeebe: element not in Camunda 8's schema as Tandem knows it
    const xml = zeebeModel('', '<zeebe:somethingNew value="x" />');

    // when
    const problems = await rule(xml);

    // then it deploys, with a word
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'warning', elementId: 'task', message: expect.stringContaining('zeebe:somethingNew, which Tandem does not read') }),
    ]);
  });
});
