import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, deploy, fixture, type TestApp } from './support/test-app.js';

/** POST /api/processes/{key}/instances with startBefore: a case moved in from another engine starts where it waited there. */
describe('starting a case before an element (startBefore)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
    await deploy(sut.server, await fixture('camunda-payment.bpmn'));
  });

  afterAll(async () => {
    await sut?.close();
  });

  const caseCount = async () => Number((await request(sut.server).get('/api/instances').query({ processKey: 'camunda-payment' }).expect(200)).headers['x-total-count']);

  it('starts the case at a user task with its variables and business key; the ledger marks the step as moved in', async () => {
    // when a case is started before the receipt task
    const started = await request(sut.server)
      .post('/api/processes/camunda-payment/instances')
      .send({ startBefore: 'send-receipt', businessKey: 'ORDER-7', variables: { amount: 120, cardNumber: '4111' } })
      .expect(201);

    // then it waits at the task, with its variables, and the start event never ran
    expect(started.body).toMatchObject({ status: 'active', businessKey: 'ORDER-7', variables: { amount: 120, cardNumber: '4111' } });
    const steps = (await request(sut.server).get(`/api/instances/${started.body.id}/steps`).expect(200)).body as Array<{
      elementId: string;
      movedIn: string | null;
      readyAt: string;
    }>;
    expect(steps).toEqual([expect.objectContaining({ elementId: 'send-receipt', movedIn: 'startBefore', readyAt: expect.any(String) })]);
    // and the task is open to work, and completing it ends the case as usual
    const tasks = (await request(sut.server).get('/api/tasks').query({ instanceId: started.body.id, status: 'open' }).expect(200)).body as Array<{ id: string; elementId: string }>;
    expect(tasks.map(({ elementId }) => elementId)).toEqual(['send-receipt']);
    await request(sut.server).post(`/api/tasks/${tasks[0].id}/complete`).send({ variables: {} }).expect(200);
    expect((await request(sut.server).get(`/api/instances/${started.body.id}`).expect(200)).body.status).toBe('completed');
  });

  it('starts the case at a service task as an external task workers can fetch', async () => {
    // when a case is started before the charge
    const started = await request(sut.server)
      .post('/api/processes/camunda-payment/instances')
      .send({ startBefore: 'charge', variables: { amount: 80 } })
      .expect(201);

    // then its steps show only the charge, moved in, still open
    const steps = (await request(sut.server).get(`/api/instances/${started.body.id}/steps`).expect(200)).body as Array<{
      elementId: string;
      movedIn: string | null;
      completedAt: string | null;
    }>;
    expect(steps).toEqual([expect.objectContaining({ elementId: 'charge', movedIn: 'startBefore', completedAt: null })]);
  });

  it.each([
    ['an unknown element', 'nowhere', "no element 'nowhere'"],
    ['a start event', 'ordered', "'ordered' (startEvent) is no activity or catch event"],
    ['an end event', 'paid', "'paid' (endEvent) is no activity or catch event"],
    ['a boundary event', 'declined', "'declined' (boundaryEvent) is no activity or catch event"],
  ])('refuses %s with 422 START_BEFORE_INVALID naming startBefore and the element, and stores nothing', async (_what, elementId, message) => {
    // given the cases there are (the two the tests above started)
    const before = await caseCount();
    expect(before).toBe(2);

    // when a case is started before the element
    const response = await request(sut.server)
      .post('/api/processes/camunda-payment/instances')
      .send({ startBefore: elementId, variables: { amount: 1 } });

    // then it is refused by name, and no case was stored
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'START_BEFORE_INVALID', details: { field: 'startBefore', elementId } });
    expect(response.body.message).toContain('startBefore: ');
    expect(response.body.message).toContain(message);
    expect(await caseCount()).toBe(before);
  });

  it('refuses startBefore to an agent with 403 ACCESS_DENIED (moving a case in skips the steps before it: an admin act), and stores nothing, while the agent may still start at the start event', async () => {
    // given an agent
    const agent = await sut.signIn('moving-agent', { roles: ['agent'] });
    const before = await caseCount();

    // when the agent starts a case before the receipt task
    const response = await agent.post('/api/processes/camunda-payment/instances').send({ startBefore: 'send-receipt' });

    // then it is refused, naming the field, and nothing was stored
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'ACCESS_DENIED', details: { field: 'startBefore' } });
    expect(response.body.message).toContain('needs the role admin');
    expect(await caseCount()).toBe(before);
    // and a plain start is still the agent's to make
    await agent.post('/api/processes/camunda-payment/instances').send({}).expect(201);
  });

  it('refuses a startBefore that is no text with 400 naming the field', async () => {
    // when startBefore is a number
    const response = await request(sut.server).post('/api/processes/camunda-payment/instances').send({ startBefore: 7 });

    // then the request is refused as malformed
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('startBefore');
  });

  it('keeps a moved-in case out of a running experiment: it runs on the newest version, unassigned', async () => {
    // given a second version of the process and a running 50/50 experiment between the two
    const baseline = (await request(sut.server).get('/api/process-versions').query({ key: 'camunda-payment' }).expect(200)).body as Array<{ id: string }>;
    const xml = (await fixture('camunda-payment.bpmn')).replace('name="Send the receipt"', 'name="Send the receipt (redesigned)"');
    const candidate = await deploy(sut.server, xml);
    const analyst = await sut.signIn('moving-analyst', { roles: ['analyst'] });
    const experiment = await analyst
      .post('/api/experiments')
      .send({
        processKey: 'camunda-payment',
        seed: 20260105,
        arms: [
          { id: 'as-is', role: 'baseline', processVersionId: baseline.find(({ id }) => id !== candidate.id)!.id, weight: 50 },
          { id: 'to-be', role: 'candidate', processVersionId: candidate.id, weight: 50 },
        ],
        primaryMetric: 'leadTime',
        plan: { alpha: 0.05, power: 0.8, mde: 0.1, logSd: 0.6 },
      })
      .expect(201);
    await analyst.post(`/api/experiments/${experiment.body.id}/start`).send({ reason: 'pilot' }).expect(200);

    // when cases are moved in, and one starts as usual
    const moved = await Promise.all(
      [1, 2, 3, 4].map(async () => (await request(sut.server).post('/api/processes/camunda-payment/instances').send({ startBefore: 'send-receipt' }).expect(201)).body),
    );
    const routed = (await request(sut.server).post('/api/processes/camunda-payment/instances').send({}).expect(201)).body;

    // then no moved case has an assignment and each runs on the newest version, while the usual start is routed
    expect(moved.map(({ assignment, processVersionId }) => ({ assignment, processVersionId }))).toEqual(
      moved.map(() => ({ assignment: undefined, processVersionId: candidate.id })),
    );
    expect(routed.assignment).toMatchObject({ experimentId: experiment.body.id });
  });
});
