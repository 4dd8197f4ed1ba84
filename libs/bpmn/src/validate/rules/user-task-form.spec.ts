import { describe, expect, it } from '@jest/globals';
import { loadBpmn } from '../../load-bpmn.js';
import { inlineBpmn } from '../../testing/inline-bpmn.js';

/** start -> the given user task (id `intake`) -> end, with camunda: and zeebe: bound. */
const withTask = (task: string) =>
  inlineBpmn(`
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    ${task}
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="intake" />
    <bpmn:sequenceFlow id="f2" sourceRef="intake" targetRef="end" />`).replace('xmlns:camunda=', 'xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:camunda=');

const FLOWS = '<bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>';
const userTask = (attributes: string, extensions = '') =>
  `<bpmn:userTask id="intake" name="Intake" tandem:valueClass="VA" ${attributes}>${extensions && `<bpmn:extensionElements>${extensions}</bpmn:extensionElements>`}${FLOWS}</bpmn:userTask>`;

describe('user task forms', () => {
  it.each([
    ['tandem:formKey', userTask('tandem:formKey="form:complaint-intake"')],
    ['camunda:formKey', userTask('camunda:formKey="form:complaint-intake"')],
  ])('name a deployed form by %s', async (_dialect, task) => {
    // when a task naming a deployed form is loaded
    const { processes, problems } = await loadBpmn(withTask(task));
    // then it compiles with the form key form:<id>
    expect(problems).toEqual([]);
    expect(processes[0].nodes.intake).toMatchObject({ type: 'userTask', formKey: 'form:complaint-intake' });
  });

  it('compile an embedded tandem:form into the task', async () => {
    // given a form-js schema written into the model
    const schema = { components: [{ type: 'textfield', key: 'name', validate: { required: true } }] };
    const { processes, problems } = await loadBpmn(withTask(userTask('', `<tandem:form>${JSON.stringify(schema)}</tandem:form>`)));
    // then the task carries it
    expect(problems).toEqual([]);
    expect(processes[0].nodes.intake).toMatchObject({ type: 'userTask', form: schema });
  });

  it('are refused when the embedded form is not a schema, or there are two forms', async () => {
    // given an embedded form that is not JSON, and one beside a form key
    const notJson = await loadBpmn(withTask(userTask('', '<tandem:form>{ name: </tandem:form>')));
    const both = await loadBpmn(withTask(userTask('tandem:formKey="form:x"', '<tandem:form>{"components":[{"type":"number"}]}</tandem:form>')));
    // then each problem names the task
    expect(notJson.processes).toEqual([]);
    expect(notJson.problems).toEqual([expect.objectContaining({ elementId: 'intake', rule: 'user-task-form', message: expect.stringContaining('is not JSON') })]);
    expect(both.problems.map(({ elementId, message }) => [elementId, message])).toEqual([
      ['intake', expect.stringContaining('has both a form key ("form:x") and an embedded tandem:form')],
      ['intake', expect.stringContaining('(number) has no "key"')],
    ]);
  });

  it('are refused when a form: key names no form', async () => {
    const { problems } = await loadBpmn(withTask(userTask('tandem:formKey="form:"')));
    expect(problems).toEqual([expect.objectContaining({ elementId: 'intake', message: expect.stringContaining('names no form') })]);
  });
});
