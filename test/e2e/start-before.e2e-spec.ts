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
});
