import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { JobRunner } from '../../apps/engine/src/jobs/job-runner.service.js';
import { HOUR, MINUTE } from './support/test-clock.js';
import { createTestApp, deploy, eventually, fixture, type TestApp } from './support/test-app.js';

interface InstanceBody {
  id: string;
  status: string;
  activeElementIds: string[];
  timers: Array<{ id: string; elementId: string; dueAt: string }>;
}

interface Step {
  elementId: string;
  readyAt: string | null;
  completedAt: string | null;
  canceledAt: string | null;
  previousActivityInstanceId: string | null;
  activityInstanceId: string;
}

/**
 * Timers are job rows fired by the job runner of the real app (polling every 20 ms); the tests
 * move the overridden clock past a timer and wait for the runner to have fired it.
 */
describe('timers fired by the job runner', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
    await deploy(sut.server, await fixture('callback.bpmn'));
  });

  afterAll(async () => {
    await sut?.close();
  });

  const http = () => request(sut.server);
  const instance = async (id: string) => (await http().get(`/api/instances/${id}`)).body as InstanceBody;
  const steps = async (id: string) => (await http().get(`/api/instances/${id}/steps`)).body as Step[];
  const start = async () => (await http().post('/api/processes/callback/instances').send({}).expect(201)).body as InstanceBody;
  const openTasks = async (instanceId: string) => (await http().get('/api/tasks').query({ instanceId, status: 'open' })).body as Array<{ id: string; elementId: string }>;
  const waitFor = (id: string, check: (body: InstanceBody) => boolean) => eventually(() => instance(id), check);

  it('leaves a timer alone until it is due', async () => {
    // given a callback waits, with its reminder due in 30 minutes
    const started = await start();
    // when 29 minutes pass and the runner looks for due jobs
    sut.clock.advance(29 * MINUTE);
    await sut.app.get(JobRunner).runDueJobs();
    // then nothing has fired
    const view = await instance(started.id);
    expect(view.activeElementIds).toEqual(['call-customer']);
    expect(view.timers.map((timer) => timer.elementId).sort()).toEqual(['call-overdue', 'call-reminder']);
  });

  it('fires a non-interrupting boundary timer: a reminder appears and the callback stays open', async () => {
    // given a callback waits
    const started = await start();
    // when 30 minutes pass
    sut.clock.advance(30 * MINUTE);
    // then the reminder task is created beside the callback, whose 2-hour timer still waits
    const view = await waitFor(started.id, (body) => body.activeElementIds.includes('remind-agent'));
    expect(view.activeElementIds.sort()).toEqual(['call-customer', 'remind-agent']);
    expect(view.timers.map((timer) => timer.elementId)).toEqual(['call-overdue']);
    expect((await openTasks(started.id)).map((task) => task.elementId).sort()).toEqual(['call-customer', 'remind-agent']);
  });

  it('fires an interrupting boundary timer: the callback is canceled and escalated', async () => {
    // given a callback waits
    const started = await start();
    const [callback] = await openTasks(started.id);
    // when 2 hours pass
    sut.clock.advance(2 * HOUR);
    const view = await waitFor(started.id, (body) => body.activeElementIds.includes('escalate'));
    // then the callback task is canceled, the escalation waits, and no timer of the callback is left
    expect(view.activeElementIds).not.toContain('call-customer');
    expect(view.timers).toEqual([]);
    expect((await http().get(`/api/tasks/${callback.id}`)).body).toEqual(expect.objectContaining({ status: 'canceled', canceledAt: sut.clock.now().toISOString() }));
    // and the ledger shows the cancellation and where the escalation came from
    const ledger = await steps(started.id);
    const callStep = ledger.find((step) => step.elementId === 'call-customer')!;
    expect(callStep).toEqual(expect.objectContaining({ canceledAt: sut.clock.now().toISOString(), completedAt: null }));
    const boundaryStep = ledger.find((step) => step.elementId === 'call-overdue')!;
    expect(boundaryStep.previousActivityInstanceId).toBe(callStep.activityInstanceId);
    // and completing the canceled task is a conflict
    const late = await http().post(`/api/tasks/${callback.id}/complete`).send({ userId: 'anna' });
    expect(late.status).toBe(409);
  });

  it('fires an intermediate timer a day after the callback, then the survey follows', async () => {
    // given the callback is done within the hour, so its boundary timers are gone
    const started = await start();
    const [callback] = await openTasks(started.id);
    sut.clock.advance(20 * MINUTE);
    const afterCall = (await http().post(`/api/tasks/${callback.id}/complete`).send({ userId: 'anna' }).expect(200)).body as InstanceBody;
    expect(afterCall.activeElementIds).toEqual(['wait-a-day']);
    expect(afterCall.timers.map((timer) => timer.elementId)).toEqual(['wait-a-day']);
    const waitStart = sut.clock.now();
    // when a day passes
    sut.clock.advance(24 * HOUR);
    // then the survey waits, and the timer's step lasted exactly the day
    const view = await waitFor(started.id, (body) => body.activeElementIds.includes('survey'));
    expect(view.activeElementIds).toEqual(['survey']);
    expect(view.timers).toEqual([]);
    const waitStep = (await steps(started.id)).find((step) => step.elementId === 'wait-a-day')!;
    expect(waitStep.readyAt).toBe(waitStart.toISOString());
    expect(Date.parse(waitStep.completedAt!) - Date.parse(waitStep.readyAt!)).toBe(24 * HOUR);
    // and the reminder never fired, because its task had completed before it was due
    expect((await steps(started.id)).map((step) => step.elementId)).not.toContain('remind-agent');
  });

  it('fires each due timer once when several polls claim jobs at the same moment', async () => {
    // given a callback waits
    const started = await start();
    // when 30 minutes pass and three polls (beside the background one) claim due jobs together
    sut.clock.advance(30 * MINUTE);
    const runner = sut.app.get(JobRunner);
    await Promise.all([runner.runDueJobs(), runner.runDueJobs(), runner.runDueJobs()]);
    const view = await waitFor(started.id, (body) => body.activeElementIds.includes('remind-agent'));
    // then exactly one reminder exists
    expect(view.activeElementIds.filter((elementId) => elementId === 'remind-agent')).toHaveLength(1);
    const reminders = (await steps(started.id)).filter((step) => step.elementId === 'call-reminder');
    expect(reminders).toHaveLength(1);
  });
});
