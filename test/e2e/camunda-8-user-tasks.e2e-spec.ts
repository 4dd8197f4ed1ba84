import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request, { type Agent } from 'supertest';
import { createTestApp, fixture, type TestApp } from './support/test-app.js';

interface TaskBody {
  id: string;
  elementId: string;
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  formKey: string | null;
  externalFormReference: string | null;
  properties: Record<string, string>;
  priority: number;
  dueAt: string | null;
  followUpAt: string | null;
}

const CLAIM = { owner: 'ana', amount: 5000, deadline: '2026-01-07T17:00:00Z', urgency: 9 };

/** Issue 23: Camunda 8 user tasks (zeebe:userTask, forms, assignment, schedule, priority) and zeebe:properties, drawn in Camunda Modeler. */
describe('Camunda 8 user tasks', () => {
  let sut: TestApp;
  let drawn: string;
  let form: string;
  let ana: Agent;
  let ben: Agent;
  let carl: Agent;

  beforeAll(async () => {
    sut = await createTestApp();
    drawn = await fixture('camunda-8/claim-review.bpmn');
    form = await fixture('camunda-8/claim-review-form.form');
    ana = await sut.signIn('ana', { roles: ['agent'], groups: ['experts'] });
    ben = await sut.signIn('ben', { roles: ['agent'] });
    carl = await sut.signIn('carl', { roles: ['agent'], groups: ['first-line'] });
  });

  afterAll(async () => {
    await sut?.close();
  });

  const http = () => request(sut.server);

  /** The model with its linked form, deployed as Camunda 8 deploys them: both resources at once. */
  const deployWithForm = (xml: string) =>
    http().post('/api/deployments').attach('file', Buffer.from(form), 'claim-review-form.form').attach('file', Buffer.from(xml), 'claim-review.bpmn');

  const openTask = async (instanceId: string, elementId: string): Promise<TaskBody> => {
    const tasks = await http().get('/api/tasks').query({ instanceId, status: 'open' }).expect(200);
    const task = (tasks.body as TaskBody[]).find((candidate) => candidate.elementId === elementId);
    expect(task).toBeDefined();
    return task!;
  };

  it('deploy with a linked form, run each user task as its zeebe: settings say, and end', async () => {
    // given the model and its form as Camunda Modeler saved them, deployed together
    const deployed = await deployWithForm(drawn).expect(201);
    expect(deployed.body.processVersions).toEqual([expect.objectContaining({ key: 'claim-review', version: 1 })]);
    expect(deployed.body.warnings.filter(({ rule }: { rule: string }) => rule !== 'lean-attributes')).toEqual([]);

    // when a claim of 5,000 arrives
    const started = await http()
      .post('/api/processes/claim-review/instances')
      .send({ variables: { claim: CLAIM } })
      .expect(201);
    const instanceId = started.body.id as string;

    // then the review task got the assignment, dates and priority the = expressions yield, the linked form and the properties
    const review = await openTask(instanceId, 'Activity_ReviewClaim');
    expect(review).toMatchObject({
      assignee: 'ana',
      candidateGroups: ['experts'],
      candidateUsers: ['ben', 'eva'],
      dueAt: '2026-01-07T17:00:00.000Z',
      followUpAt: '2026-01-06T09:00:00.000Z',
      priority: 90,
      formKey: 'form:claim-review-form',
      externalFormReference: null,
      properties: { 'sla-tier': 'gold', checklist: 'https://wiki.example.com/claims/review' },
    });
    // and a candidate user sees it, a first-line agent (not a candidate for a large claim) does not
    await ben.get(`/api/tasks/${review.id}`).expect(200);
    expect((await carl.get(`/api/tasks/${review.id}`)).status).toBe(403);
    // and its form is the deployed one
    const reviewForm = await ana.get(`/api/tasks/${review.id}/form`).expect(200);
    expect(reviewForm.body.schema).toMatchObject({ id: 'claim-review-form', components: [expect.objectContaining({ key: 'decision' }), expect.objectContaining({ key: 'note' })] });

    // when ana completes it against the form
    await ana
      .post(`/api/tasks/${review.id}/complete`)
      .send({ variables: { decision: 'approve', note: 'photos attached' } })
      .expect(200);

    // then the call task shows its external form's address, static candidates and priority
    const call = await openTask(instanceId, 'Activity_CallCustomer');
    expect(call).toMatchObject({
      assignee: null,
      candidateGroups: ['first-line'],
      candidateUsers: [],
      priority: 70,
      formKey: null,
      externalFormReference: 'https://forms.example.com/claims/call',
      properties: { channel: 'phone' },
    });
    await carl.post(`/api/tasks/${call.id}/complete`).send({ variables: {} }).expect(200);

    // and the legacy task renders the form embedded in the process and checks a completion against it
    const payout = await openTask(instanceId, 'Activity_ConfirmPayout');
    expect(payout).toMatchObject({ candidateGroups: ['finance'], formKey: null, properties: {} });
    const payoutForm = await http().get(`/api/tasks/${payout.id}/form`).expect(200);
    expect(payoutForm.body.schema).toMatchObject({ components: [expect.objectContaining({ key: 'payout', type: 'number' })] });
    expect((await http().post(`/api/tasks/${payout.id}/complete`).send({ variables: {} })).status).toBe(400);
    await http()
      .post(`/api/tasks/${payout.id}/complete`)
      .send({ variables: { payout: 4200 } })
      .expect(200);

    // then the case ends
    const ended = await http().get(`/api/instances/${instanceId}`).expect(200);
    expect(ended.body).toMatchObject({ status: 'completed' });
    expect(ended.body.variables).toMatchObject({ decision: 'approve', payout: 4200 });
  });

  it("describe each element's zeebe:properties where the API lists a version's elements: the diff between versions", async () => {
    // given a second version whose review task has another SLA tier
    const before = (await http().get('/api/process-versions').query({ key: 'claim-review' }).expect(200)).body[0];
    const after = (await deployWithForm(drawn.replace('value="gold"', 'value="silver"')).expect(201)).body.processVersions[0];

    // when
    const diff = await http().get(`/api/process-versions/${before.id}/diff/${after.id}`).expect(200);

    // then the changed task is described with its properties, and the change is named
    expect(diff.body.changed).toEqual([
      expect.objectContaining({
        id: 'Activity_ReviewClaim',
        properties: { 'sla-tier': 'silver', checklist: 'https://wiki.example.com/claims/review' },
        changes: [{ property: 'properties.sla-tier', before: 'gold', after: 'silver' }],
      }),
    ]);
  });

  it('refuse an = expression that does not parse with 422 naming the element and the attribute, storing nothing', async () => {
    // given the model under its own key with a broken due date
    const broken = drawn.replace('dueDate="=claim.deadline"', 'dueDate="=claim.deadline +"').replaceAll('claim-review"', 'claim-broken"');

    // when
    const response = await deployWithForm(broken);

    // then
    expect(response.status).toBe(422);
    expect(response.body.details.problems.filter(({ severity }: { severity: string }) => severity === 'error')).toEqual([
      expect.objectContaining({ elementId: 'Activity_ReviewClaim', rule: 'feel-expression', message: expect.stringContaining('zeebe:taskSchedule dueDate') }),
    ]);
    expect((await http().get('/api/process-versions').query({ key: 'claim-broken' }).expect(200)).body).toEqual([]);
  });

  it('refuse a case whose = expression fails at run time with 422 naming the element and the attribute, as tandem:dueIn does, starting nothing', async () => {
    // given the deployed model, and the cases it has
    const cases = async () => (await http().get('/api/instances').query({ processKey: 'claim-review' }).expect(200)).body;
    const before = await cases();

    // when a claim arrives whose deadline is no date
    const response = await http()
      .post('/api/processes/claim-review/instances')
      .send({ variables: { claim: { ...CLAIM, deadline: 'soon' } } });

    // then
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      code: 'EXPRESSION_FAILED',
      details: { elementId: 'Activity_ReviewClaim', attribute: 'zeebe:taskSchedule dueDate' },
    });
    expect(response.body.message).toContain("of 'Activity_ReviewClaim' (zeebe:taskSchedule dueDate) failed");
    expect(await cases()).toEqual(before);
  });

  it('deploy a model whose linked form comes later with a warning; its task waits for the form, then completes against it', async () => {
    // given the model under its own key, linking a form not deployed yet
    const later = drawn.replace('formId="claim-review-form"', 'formId="claim-later-form"').replaceAll('claim-review"', 'claim-later"');

    // when it is deployed on its own
    const deployed = await http().post('/api/deployments').set('Content-Type', 'application/xml').send(later).expect(201);

    // then the answer warns about the form, naming the task and the attribute
    expect(deployed.body.warnings).toContainEqual(
      expect.objectContaining({ elementId: 'Activity_ReviewClaim', rule: 'form-deployed', severity: 'warning', message: expect.stringContaining('zeebe:formDefinition formId') }),
    );

    // and a case's review task can neither show its form nor be completed, and stays open
    const started = await http()
      .post('/api/processes/claim-later/instances')
      .send({ variables: { claim: CLAIM } })
      .expect(201);
    const review = await openTask(started.body.id, 'Activity_ReviewClaim');
    expect((await ana.get(`/api/tasks/${review.id}/form`)).body).toMatchObject({ code: 'FORM_NOT_FOUND' });
    expect((await ana.post(`/api/tasks/${review.id}/complete`).send({ variables: { decision: 'approve' } })).body).toMatchObject({ code: 'FORM_NOT_FOUND' });
    expect((await openTask(started.body.id, 'Activity_ReviewClaim')).id).toBe(review.id);

    // when the form is deployed
    await http()
      .post('/api/deployments')
      .attach('file', Buffer.from(form.replace('"id": "claim-review-form"', '"id": "claim-later-form"')), 'claim-later-form.form')
      .expect(201);

    // then the task completes against it
    expect((await ana.post(`/api/tasks/${review.id}/complete`).send({ variables: {} })).status).toBe(400);
    await ana
      .post(`/api/tasks/${review.id}/complete`)
      .send({ variables: { decision: 'reject' } })
      .expect(200);
    await openTask(started.body.id, 'Activity_CallCustomer');
  });
});
