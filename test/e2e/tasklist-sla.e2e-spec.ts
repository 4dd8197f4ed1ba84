import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request, { type Agent } from 'supertest';
import { DataSource } from 'typeorm';
import { JobRunner } from '../../apps/engine/src/jobs/job-runner.service.js';
import { createTestApp, deploy, TEST_START, type TestApp } from './support/test-app.js';
import { HOUR, MINUTE } from './support/test-clock.js';
import type { TaskView as TaskBody } from '#api-types';

/** A request intake: gold customers are due in an hour, everyone else in four; a follow-up look after 30 minutes. */
const INTAKE = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0"
  id="definitions" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="intake" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="answer" name="Answer the request" tandem:candidateGroups="first-line" tandem:stage="inquiry" tandem:valueClass="VA"
      tandem:dueIn="=if customerTier = &quot;gold&quot; then &quot;PT1H&quot; else &quot;PT4H&quot;" tandem:followUpIn="PT30M">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="answer" />
    <bpmn:sequenceFlow id="f2" sourceRef="answer" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

/** SLA clocks, breaches, priority and the golden channel (DOMAIN.md), seen through the tasklist. */
describe('SLA clocks and priority in the tasklist', () => {
  let sut: TestApp;
  let ana: Agent;

  beforeAll(async () => {
    sut = await createTestApp({ jobPollMs: 60 * 60_000 });
    await deploy(sut.server, INTAKE);
    ana = await sut.signIn('ana', { roles: ['agent'], groups: ['first-line'] });
  });

  afterAll(async () => {
    await sut?.close();
  });

  const startCase = async (businessKey: string, variables: Record<string, unknown>) => {
    const instance = (await ana.post('/api/processes/intake/instances').send({ businessKey, variables }).expect(201)).body as { id: string };
    const [task] = (await ana.get('/api/tasks').query({ instanceId: instance.id }).expect(200)).body as TaskBody[];
    return task;
  };
  // As an admin: some tasks here have ended, and an agent's read of a case ends with their task.
  const history = async (id: string) =>
    ((await request(sut.server).get(`/api/tasks/${id}/history`).expect(200)).body as Array<{ activityInstanceId: string; type: string; at: string; detail: unknown }>).filter(
      (step) => step.activityInstanceId === id,
    );
  const runJobs = () => sut.app.get(JobRunner).runDueJobs();

  it('puts high-value customers’ tasks first in the queue (the golden channel), then by category, whatever the arrival order', async () => {
    // given requests arriving one minute apart, the gold ones last
    const arrivals: Array<[string, Record<string, unknown>]> = [
      ['standard-inquiry', { customerTier: 'standard', category: 'inquiry' }],
      ['standard-complaint', { customerTier: 'standard', category: 'complaint' }],
      ['standard-transaction', { customerTier: 'standard', category: 'transactional' }],
      ['gold-inquiry', { customerTier: 'gold', category: 'inquiry' }],
      ['gold-complaint', { customerTier: 'gold', category: 'complaint' }],
    ];
    for (const [key, variables] of arrivals) {
      await startCase(key, variables);
      sut.clock.advance(MINUTE);
    }

    // when a first-line agent opens her queue
    const response = await ana.get('/api/tasks').query({ view: 'queue', processKey: 'intake' }).expect(200);

    // then the gold customers' tasks come first, complaints before transactions before inquiries
    const queue = response.body as TaskBody[];
    expect(queue.map(({ businessKey, priority }) => `${businessKey}:${priority}`)).toEqual([
      'gold-complaint:100',
      'gold-inquiry:80',
      'standard-complaint:70',
      'standard-transaction:60',
      'standard-inquiry:50',
    ]);
    expect(response.headers['x-total-count']).toBe('5');
    expect(queue[0]).toEqual(expect.objectContaining({ processKey: 'intake', category: 'complaint', stage: 'inquiry', valueClass: 'VA', state: 'ready', breachedAt: null }));
    // and the due date follows the tier: one hour for gold, four for the others
    const due = (task: TaskBody) => (Date.parse(task.dueAt!) - Date.parse(task.followUpAt!) + 30 * MINUTE) / HOUR;
    expect(queue.map(due)).toEqual([1, 1, 4, 4, 4]);
  });

  it('filters the queue by priority, category, stage, due date and process, and sorts by due date', async () => {
    // given the five requests above
    const listed = async (query: Record<string, string>) =>
      (
        (
          await ana
            .get('/api/tasks')
            .query({ processKey: 'intake', ...query })
            .expect(200)
        ).body as TaskBody[]
      ).map(({ businessKey }) => businessKey);
    // when / then
    expect(await listed({ priority: '75' })).toEqual(['gold-complaint', 'gold-inquiry']);
    expect(await listed({ category: 'complaint' })).toEqual(['gold-complaint', 'standard-complaint']);
    expect(await listed({ stage: 'diagnosis' })).toEqual([]);
    expect(await listed({ dueBefore: new Date(TEST_START.getTime() + 2 * HOUR).toISOString() })).toEqual(['gold-complaint', 'gold-inquiry']);
    expect(await listed({ sort: 'due', limit: '3' })).toEqual(['gold-inquiry', 'gold-complaint', 'standard-inquiry']);
    expect(await listed({ processKey: 'elsewhere' })).toEqual([]);
  });

  it('answers a bad filter value with 400 naming the field', async () => {
    // when
    const bad = {
      priority: await ana.get('/api/tasks').query({ priority: 'urgent' }),
      dueBefore: await ana.get('/api/tasks').query({ dueBefore: 'tomorrow' }),
      breached: await ana.get('/api/tasks').query({ breached: 'maybe' }),
      view: await ana.get('/api/tasks').query({ view: 'everything' }),
      sort: await ana.get('/api/tasks').query({ sort: 'name' }),
      limit: await ana.get('/api/tasks').query({ limit: '5000' }),
    };
    // then
    for (const [field, response] of Object.entries(bad)) {
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect(JSON.stringify(response.body)).toContain(field);
    }
  });

  it('records a breach of the follow-up and the due date while the task is open, and shows it on the task', async () => {
    // given a standard request (follow-up in 30 minutes, due in 4 hours) ana has claimed
    const task = await startCase('late', { customerTier: 'standard', category: 'inquiry' });
    await ana.post(`/api/tasks/${task.id}/claim`).send({}).expect(200);

    // when 31 minutes pass and the job runner looks
    sut.clock.advance(31 * MINUTE);
    await runJobs();
    // then the follow-up breach is in the ledger, but the task is not breached
    const afterFollowUp = await history(task.id);
    expect(afterFollowUp.map(({ type }) => type)).toEqual(['ready', 'claimed', 'breached']);
    expect(afterFollowUp[2].detail).toEqual({ clock: 'followUp', dueAt: task.followUpAt });
    expect((await ana.get(`/api/tasks/${task.id}`).expect(200)).body.breachedAt).toBeNull();

    // when the due date passes too
    sut.clock.advance(4 * HOUR);
    await runJobs();
    // then the task is breached, still claimed by ana, and the breached filter finds it
    const breached = (await ana.get(`/api/tasks/${task.id}`).expect(200)).body as TaskBody;
    expect(breached).toEqual(expect.objectContaining({ state: 'claimed', breachedAt: sut.clock.now().toISOString() }));
    expect((await history(task.id)).map(({ type, detail }) => `${type}${detail ? `:${(detail as { clock: string }).clock}` : ''}`)).toEqual([
      'ready',
      'claimed',
      'breached:followUp',
      'breached:due',
    ]);
    const onlyBreached = (await ana.get('/api/tasks').query({ breached: 'true' }).expect(200)).body as TaskBody[];
    expect(onlyBreached.map(({ id }) => id)).toContain(task.id);
    const notBreached = (await ana.get('/api/tasks').query({ breached: 'false' }).expect(200)).body as TaskBody[];
    expect(notBreached.map(({ id }) => id)).not.toContain(task.id);
  });

  it('stops the clocks of a task that ends first: no breach, no job left', async () => {
    // given a gold request completed within ten minutes
    const task = await startCase('on-time', { customerTier: 'gold', category: 'inquiry' });
    const jobs = async () => (await sut.app.get(DataSource).query(`SELECT count(*)::int AS count FROM job WHERE activity_instance_id = $1`, [task.id]))[0].count as number;
    const scheduled = await jobs();
    sut.clock.advance(10 * MINUTE);
    await ana.post(`/api/tasks/${task.id}/complete`).send({}).expect(200);

    // when its due date passes
    sut.clock.advance(2 * HOUR);
    await runJobs();

    // then it was never breached, and its clocks' jobs went with it
    expect(scheduled).toBe(2);
    expect(await jobs()).toBe(0);
    expect((await history(task.id)).map(({ type }) => type)).toEqual(['ready', 'claimed', 'started', 'completed']);
    expect((await request(sut.server).get(`/api/tasks/${task.id}`).expect(200)).body.breachedAt).toBeNull();
  });
});
