import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { JobRunner } from '../../apps/engine/src/jobs/job-runner.service.js';
import { HOUR, MINUTE } from './support/test-clock.js';
import { createTestApp, deploy, eventually, fixture, type TestApp } from './support/test-app.js';

interface InstanceBody {
  id: string;
  status: string;
  activeElementIds: string[];
  timers: Array<{ elementId: string }>;
  variables: Record<string, unknown>;
}

interface Step {
  elementId: string;
  completedAt: string | null;
  canceledAt: string | null;
}

/**
 * Messages published over HTTP reach the waiting subscriptions of instances on the real
 * PostgreSQL: catch events, boundary events, receive tasks, event-based gateways, event
 * sub-process starts; or start an instance, or wait in the buffer for their subscription.
 */
describe('POST /api/messages', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
    for (const name of ['message-catch', 'message-boundary', 'receive-task', 'message-start', 'event-based-race']) {
      await deploy(sut.server, await fixture(`${name}.bpmn`));
    }
  });

  afterAll(async () => {
    await sut?.close();
  });

  const http = () => request(sut.server);
  const publish = (body: Record<string, unknown>) => http().post('/api/messages').send(body);
  const start = async (key: string, variables: Record<string, unknown>) =>
    (await http().post(`/api/processes/${key}/instances`).send({ variables }).expect(201)).body as InstanceBody;
  const instance = async (id: string) => (await http().get(`/api/instances/${id}`).expect(200)).body as InstanceBody;
  const steps = async (id: string) => (await http().get(`/api/instances/${id}/steps`).expect(200)).body as Step[];
  const openTasks = async (instanceId: string) =>
    (await http().get('/api/tasks').query({ instanceId, status: 'open' })).body as Array<{ id: string; elementId: string; status: string }>;

  describe('an intermediate catch event', () => {
    it('receives the message with its correlation key, and its variables', async () => {
      // given two cases wait for their customer's reply
      const first = await start('reply-wait', { ticketId: 'T-1' });
      const second = await start('reply-wait', { ticketId: 'T-2' });
      expect(first.activeElementIds).toEqual(['wait-reply']);
      // when the first customer's reply arrives
      const response = await publish({ name: 'customer-reply', correlationKey: 'T-1', variables: { reply: 'It works again' } });
      // then that case took it and moved on to handling it, with the reply
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        outcome: 'correlated',
        name: 'customer-reply',
        correlationKey: 'T-1',
        instanceId: first.id,
        elementId: 'wait-reply',
      });
      const after = await instance(first.id);
      expect(after.activeElementIds).toEqual(['handle-reply']);
      expect(after.variables).toEqual(expect.objectContaining({ reply: 'It works again' }));
      // and the other case still waits for its own
      expect((await instance(second.id)).activeElementIds).toEqual(['wait-reply']);
    });

    it('answers 404 saying which name and key nothing waits for, and changes nothing', async () => {
      // given a case waits for the reply to ticket T-3
      const waiting = await start('reply-wait', { ticketId: 'T-3' });
      // when a reply to another ticket arrives
      const response = await publish({ name: 'customer-reply', correlationKey: 'T-unknown' });
      // then nothing took it, and the answer says what was looked for
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('MESSAGE_SUBSCRIPTION_NOT_FOUND');
      expect(response.body.message).toContain("No subscription for message 'customer-reply' with correlation key 'T-unknown'");
      expect((await instance(waiting.id)).activeElementIds).toEqual(['wait-reply']);
    });

    it('answers 404 for a second message once the wait took the first', async () => {
      // given a case took its reply
      await start('reply-wait', { ticketId: 'T-4' });
      await publish({ name: 'customer-reply', correlationKey: 'T-4' }).expect(200);
      // when the same reply comes again
      const response = await publish({ name: 'customer-reply', correlationKey: 'T-4' });
      // then nothing waits for it any more
      expect(response.status).toBe(404);
    });

    it('answers 409 naming both cases when two subscriptions match, and delivers to neither', async () => {
      // given two cases wait with the same correlation key
      const first = await start('reply-wait', { ticketId: 'T-shared' });
      const second = await start('reply-wait', { ticketId: 'T-shared' });
      // when a message with that key arrives
      const response = await publish({ name: 'customer-reply', correlationKey: 'T-shared' });
      // then it is refused as ambiguous, naming both, and both still wait
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('MESSAGE_AMBIGUOUS');
      expect(response.body.details.matches.map((match: { instanceId: string }) => match.instanceId).sort()).toEqual([first.id, second.id].sort());
      expect((await instance(first.id)).activeElementIds).toEqual(['wait-reply']);
      expect((await instance(second.id)).activeElementIds).toEqual(['wait-reply']);
    });
  });

  describe('an event sub-process with a non-interrupting message start', () => {
    it('starts beside the main path each time the message arrives', async () => {
      // given a case waits for the customer's reply
      const waiting = await start('reply-wait', { ticketId: 'T-status' });
      // when the customer asks for the status twice
      const first = await publish({ name: 'status-inquiry', correlationKey: 'T-status' });
      await publish({ name: 'status-inquiry', correlationKey: 'T-status' }).expect(200);
      // then two status requests are open and the reply is still awaited
      expect(first.body).toEqual(expect.objectContaining({ outcome: 'correlated', instanceId: waiting.id, elementId: 'status-asked' }));
      const tasks = await openTasks(waiting.id);
      expect(tasks.map((task) => task.elementId)).toEqual(['answer-status', 'answer-status']);
      expect((await instance(waiting.id)).activeElementIds).toEqual(expect.arrayContaining(['wait-reply', 'status-requests']));
    });
  });

  describe('boundary events', () => {
    it('an interrupting message boundary event cancels the task and ends the case on its path', async () => {
      // given the diagnosis of a ticket is open
      const started = await start('diagnosis', { ticketId: 'D-1' });
      const [diagnose] = await openTasks(started.id);
      // when the customer withdraws the request
      const response = await publish({ name: 'request-withdrawn', correlationKey: 'D-1' });
      // then the diagnosis is canceled and the case ended at the withdrawal
      expect(response.status).toBe(200);
      expect(response.body.elementId).toBe('withdrawn');
      expect((await instance(started.id)).status).toBe('completed');
      expect((await http().get(`/api/tasks/${diagnose.id}`)).body.status).toBe('canceled');
      const ledger = await steps(started.id);
      expect(ledger.find((step) => step.elementId === 'diagnose')?.canceledAt).not.toBeNull();
      expect(ledger.find((step) => step.elementId === 'closed-withdrawn')?.completedAt).not.toBeNull();
      // and the case's other message no longer finds a wait
      expect((await publish({ name: 'extra-info', correlationKey: 'D-1' })).status).toBe(404);
    });

    it('a non-interrupting message boundary event adds work each time and leaves the task open', async () => {
      // given the diagnosis of a ticket is open
      const started = await start('diagnosis', { ticketId: 'D-2' });
      // when the customer sends more information twice
      await publish({ name: 'extra-info', correlationKey: 'D-2', variables: { note: 'photo' } }).expect(200);
      await publish({ name: 'extra-info', correlationKey: 'D-2', variables: { note: 'serial number' } }).expect(200);
      // then the diagnosis is still open beside two reading tasks
      const tasks = await openTasks(started.id);
      expect(tasks.map((task) => task.elementId).sort()).toEqual(['diagnose', 'read-info', 'read-info']);
      expect((await instance(started.id)).variables).toEqual(expect.objectContaining({ note: 'serial number' }));
      // and the diagnosis can still be withdrawn
      await publish({ name: 'request-withdrawn', correlationKey: 'D-2' }).expect(200);
      expect((await openTasks(started.id)).map((task) => task.elementId)).toEqual(['read-info', 'read-info']);
    });
  });

  describe('a receive task', () => {
    it('completes with the message; a number as correlation key matches its text', async () => {
      // given a claim waits for its receipts, correlated by a numeric case number
      const started = await start('warranty-claim', { caseNumber: 4711 });
      expect(started.activeElementIds).toEqual(['receive-documents']);
      // when the receipts arrive under that number
      const response = await publish({ name: 'documents-received', correlationKey: 4711, variables: { receipts: 2 } });
      // then the claim is assessed next, with the documents' variables
      expect(response.status).toBe(200);
      expect(response.body).toEqual(expect.objectContaining({ outcome: 'correlated', elementId: 'receive-documents', correlationKey: '4711' }));
      const after = await instance(started.id);
      expect(after.activeElementIds).toEqual(['assess-claim']);
      expect(after.variables).toEqual(expect.objectContaining({ receipts: 2 }));
    });
  });

  describe('a message start event', () => {
    it('starts an instance of the newest version, with the message variables', async () => {
      // given a process starts on a web inquiry
      // when an inquiry arrives
      const response = await publish({ name: 'web-inquiry', variables: { question: 'Where is my order?' } });
      // then an instance was started at the message start event
      expect(response.status).toBe(201);
      expect(response.body).toEqual(expect.objectContaining({ outcome: 'started', elementId: 'inquiry-received' }));
      const started = await instance(response.body.instanceId);
      expect(started.activeElementIds).toEqual(['answer-inquiry']);
      expect(started.variables).toEqual({ question: 'Where is my order?' });
      // and every further inquiry starts one more
      const again = await publish({ name: 'web-inquiry' });
      expect(again.status).toBe(201);
      expect(again.body.instanceId).not.toBe(response.body.instanceId);
    });
  });

  describe('an event-based gateway', () => {
    it('takes the message path when the answer comes first, and its timer never fires', async () => {
      // given a survey waits for an answer or a day
      const started = await start('survey', { ticketId: 'S-1' });
      expect(started.activeElementIds).toEqual(['answer-or-timeout']);
      // when the answer arrives
      const response = await publish({ name: 'survey-answer', correlationKey: 'S-1', variables: { score: 9 } });
      // then the answer is read and the day's timer is gone
      expect(response.body.elementId).toBe('answered');
      const after = await instance(started.id);
      expect(after.activeElementIds).toEqual(['read-answer']);
      expect(after.timers).toEqual([]);
      // and a day later the job runner has nothing to fire for it
      sut.clock.advance(24 * HOUR);
      await sut.app.get(JobRunner).runDueJobs();
      expect((await instance(started.id)).activeElementIds).toEqual(['read-answer']);
    });

    it('takes the timer path when the day passes first; a late answer finds no wait', async () => {
      // given a survey waits for an answer or a day
      const started = await start('survey', { ticketId: 'S-2' });
      // when a day passes and the job runner fires the timer
      sut.clock.advance(24 * HOUR);
      const after = await eventually(
        () => instance(started.id),
        (body) => body.activeElementIds.includes('close-unanswered'),
      );
      // then the survey is closed unanswered
      expect(after.activeElementIds).toEqual(['close-unanswered']);
      // and the late answer is not delivered
      expect((await publish({ name: 'survey-answer', correlationKey: 'S-2' })).status).toBe(404);
    });
  });

  describe('with a time-to-live', () => {
    it('buffers a message nothing waits for and delivers it when its subscription opens', async () => {
      // given a reply arrives before its case waits for it
      const response = await publish({ name: 'customer-reply', correlationKey: 'T-early', variables: { reply: 'early' }, timeToLiveMs: HOUR });
      expect(response.status).toBe(202);
      expect(response.body).toEqual({
        outcome: 'buffered',
        name: 'customer-reply',
        correlationKey: 'T-early',
        expiresAt: new Date(sut.clock.now().getTime() + HOUR).toISOString(),
      });
      // when the case starts waiting within the hour
      sut.clock.advance(30 * MINUTE);
      const started = await start('reply-wait', { ticketId: 'T-early' });
      // then it took the buffered reply at once
      const after = await instance(started.id);
      expect(after.activeElementIds).toEqual(['handle-reply']);
      expect(after.variables).toEqual(expect.objectContaining({ reply: 'early' }));
      // and the message was delivered once: the next case with that key waits
      const next = await start('reply-wait', { ticketId: 'T-early' });
      expect((await instance(next.id)).activeElementIds).toEqual(['wait-reply']);
    });

    it('does not deliver a buffered message after it expired', async () => {
      // given a reply was buffered for one minute
      await publish({ name: 'customer-reply', correlationKey: 'T-late', timeToLiveMs: MINUTE }).expect(202);
      // when the case starts waiting two minutes later
      sut.clock.advance(2 * MINUTE);
      const started = await start('reply-wait', { ticketId: 'T-late' });
      // then it still waits
      expect((await instance(started.id)).activeElementIds).toEqual(['wait-reply']);
    });

    it('still correlates at once when a subscription waits', async () => {
      // given a case waits
      const waiting = await start('reply-wait', { ticketId: 'T-ttl' });
      // when a message with a time-to-live arrives
      const response = await publish({ name: 'customer-reply', correlationKey: 'T-ttl', timeToLiveMs: HOUR });
      // then it was delivered, not buffered
      expect(response.status).toBe(200);
      expect(response.body.instanceId).toBe(waiting.id);
    });
  });

  describe('many clients correlating the same message at once', () => {
    it('with a messageId: exactly one wins, every other gets 409', async () => {
      // given a case waits for its reply
      const waiting = await start('reply-wait', { ticketId: 'T-race' });
      // when eight clients publish the same message (same messageId) at once
      const responses = await Promise.all(Array.from({ length: 8 }, () => publish({ name: 'customer-reply', correlationKey: 'T-race', messageId: 'reply-T-race-1' })));
      // then exactly one correlated it and the seven others were refused as conflicts
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
      // and the case moved on once
      const ledger = await steps(waiting.id);
      expect(ledger.filter((step) => step.elementId === 'wait-reply')).toHaveLength(1);
      expect((await openTasks(waiting.id)).map((task) => task.elementId)).toEqual(['handle-reply']);
      // and a retry later is refused too, naming the id
      const retry = await publish({ name: 'customer-reply', correlationKey: 'T-race', messageId: 'reply-T-race-1' });
      expect(retry.status).toBe(409);
      expect(retry.body.code).toBe('MESSAGE_ID_TAKEN');
      expect(retry.body.message).toContain('reply-T-race-1');
    });

    it('without a messageId: exactly one wins, the others get 409 (or 404 once the wait is gone)', async () => {
      // given a case waits for its reply
      const waiting = await start('reply-wait', { ticketId: 'T-race-2' });
      // when eight clients publish the message at once
      const responses = await Promise.all(Array.from({ length: 8 }, () => publish({ name: 'customer-reply', correlationKey: 'T-race-2' })));
      // then exactly one correlated it, and none of the others was delivered
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.filter((status) => status !== 200).every((status) => status === 409 || status === 404)).toBe(true);
      expect((await steps(waiting.id)).filter((step) => step.elementId === 'handle-reply')).toHaveLength(1);
    });
  });

  it('states the correlation rule in the OpenAPI description', async () => {
    const document = (await http().get('/api/docs-json').expect(200)).body;
    const operation = document.paths['/api/messages'].post;
    expect(operation.description).toContain('buffered');
    expect(operation.description).toContain('MESSAGE_AMBIGUOUS');
    expect(Object.keys(operation.responses).sort()).toEqual(['200', '201', '202', '400', '401', '403', '404', '409']);
  });

  describe('bad input', () => {
    it('answers 400 naming the missing name', async () => {
      const response = await publish({ correlationKey: 'T-1' });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.message).toContain('name');
    });

    it('answers 400 naming a negative time-to-live', async () => {
      const response = await publish({ name: 'customer-reply', timeToLiveMs: -5 });
      expect(response.status).toBe(400);
      expect(response.body.message).toContain('timeToLiveMs');
    });

    it('answers 400 naming a correlation key that is neither text nor a number', async () => {
      const response = await publish({ name: 'customer-reply', correlationKey: { id: 1 } });
      expect(response.status).toBe(400);
      expect(response.body.message).toContain('correlationKey');
    });

    it('answers 400 naming an unknown field', async () => {
      const response = await publish({ name: 'customer-reply', corelationKey: 'T-1' });
      expect(response.status).toBe(400);
      expect(response.body.message).toContain('corelationKey');
    });
  });
});
