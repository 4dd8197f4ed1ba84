import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { loadBpmn } from '#bpmn';
import { ProcessVersionRepository } from '#persistence';
import { JobRunner } from '../../apps/engine/src/jobs/job-runner.service.js';
import { HOUR, MINUTE } from './support/test-clock.js';
import { createTestApp, deploy, type TestApp } from './support/test-app.js';

const DAY = 24 * HOUR;

/**
 * A process started by a timer start event: start -> review (user task) -> end, or, with
 * `routeOn`, start -> an exclusive gateway needing that variable (which no timer start has).
 */
const timerStartProcess = (key: string, timer: string, { routeOn, name }: { routeOn?: string; name?: string } = {}) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="${key}" name="${name ?? key}" isExecutable="true">
    <bpmn:startEvent id="on-schedule">
      <bpmn:outgoing>f1</bpmn:outgoing>
      <bpmn:timerEventDefinition>${timer}</bpmn:timerEventDefinition>
    </bpmn:startEvent>
    ${
      routeOn === undefined
        ? `<bpmn:userTask id="review" tandem:candidateGroups="back-office"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />`
        : `<bpmn:exclusiveGateway id="route"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="route" targetRef="end">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">= ${routeOn} = "yes"</bpmn:conditionExpression>
    </bpmn:sequenceFlow>`
    }
    <bpmn:sequenceFlow id="f1" sourceRef="on-schedule" targetRef="${routeOn === undefined ? 'review' : 'route'}" />
  </bpmn:process>
</bpmn:definitions>`;

/** A version without a timer start event: its none start event replaces the timers of the versions before. */
const noneStartProcess = (key: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="${key}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:endEvent id="end"><bpmn:incoming>f1</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

const cycle = (text: string) => `<bpmn:timeCycle xsi:type="bpmn:tFormalExpression">${text}</bpmn:timeCycle>`;
const duration = (text: string) => `<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">${text}</bpmn:timeDuration>`;
const date = (text: string) => `<bpmn:timeDate xsi:type="bpmn:tFormalExpression">${text}</bpmn:timeDate>`;

interface InstanceSummary {
  id: string;
  version: number;
  startedAt: string;
}

/**
 * Process-level timer start events are jobs of the newest version of their key. The job runner's
 * own poll is an hour apart here, so each test fires due jobs itself and counts them.
 */
describe('timer start events', () => {
  let sut: TestApp;
  let runner: JobRunner;

  beforeAll(async () => {
    sut = await createTestApp({ jobPollMs: HOUR });
    runner = sut.app.get(JobRunner);
  });

  afterAll(async () => {
    await sut?.close();
  });

  const http = () => request(sut.server);
  const instancesOf = async (processKey: string) => (await http().get('/api/instances').query({ processKey, limit: 500 }).expect(200)).body as InstanceSummary[];

  it('starts an instance at each of the three ticks of R3/PT1H, and no more', async () => {
    // given a version with an R3/PT1H timer start event, deployed now
    await deploy(sut.server, timerStartProcess('hourly-review', cycle('R3/PT1H')));
    expect(await runner.runDueJobs()).toBe(0);
    // when three hours pass, one at a time
    const startedAt: string[] = [];
    for (let tick = 1; tick <= 3; tick += 1) {
      sut.clock.advance(HOUR);
      expect(await runner.runDueJobs()).toBe(1);
      startedAt.push(sut.clock.now().toISOString());
    }
    // then an instance started at each tick, waiting in the review after the timer start event
    const started = await instancesOf('hourly-review');
    expect(started.map((instance) => instance.startedAt).sort()).toEqual(startedAt);
    const [latest] = started;
    const view = (await http().get(`/api/instances/${latest.id}`).expect(200)).body;
    expect(view.activeElementIds).toEqual(['review']);
    const steps = (await http().get(`/api/instances/${latest.id}/steps`).expect(200)).body as Array<{ elementId: string }>;
    expect(steps[0].elementId).toBe('on-schedule');
    // and however long one waits after, no fourth starts
    sut.clock.advance(10 * DAY);
    expect(await runner.runDueJobs()).toBe(0);
    expect(await instancesOf('hourly-review')).toHaveLength(3);
  });

  it('starts an instance at each occurrence of a cron cycle, in UTC, and keeps going', async () => {
    // given a version started by a cron timer: weekdays at 09:00 UTC
    await deploy(sut.server, timerStartProcess('weekday-review', cycle('0 0 9 * * MON-FRI')));
    // when fourteen days pass, an hour at a time
    const startedAt: string[] = [];
    for (let hour = 0; hour < 14 * 24; hour += 1) {
      sut.clock.advance(HOUR);
      if ((await runner.runDueJobs()) > 0) startedAt.push(sut.clock.now().toISOString());
    }
    // then an instance started at ten weekday mornings, each in the hour after 09:00 UTC
    const started = await instancesOf('weekday-review');
    expect(started).toHaveLength(10);
    expect(startedAt).toHaveLength(10);
    for (const at of startedAt.map((text) => new Date(text))) {
      expect([1, 2, 3, 4, 5]).toContain(at.getUTCDay());
      expect(at.getUTCHours() * HOUR + at.getUTCMinutes() * MINUTE + at.getUTCSeconds() * 1000).toBeGreaterThanOrEqual(9 * HOUR);
      expect(at.getUTCHours() * HOUR + at.getUTCMinutes() * MINUTE).toBeLessThanOrEqual(10 * HOUR);
    }
    // and a version without the timer ends the cycle
    await deploy(sut.server, noneStartProcess('weekday-review'));
    sut.clock.advance(7 * DAY);
    expect(await runner.runDueJobs()).toBe(0);
  });

  it("replaces the previous version's start timers when a newer version is deployed, once however often it is redeployed", async () => {
    // given version 1 starts an instance every hour, and has started one
    await deploy(sut.server, timerStartProcess('sweep', cycle('R/PT1H')));
    sut.clock.advance(HOUR);
    expect(await runner.runDueJobs()).toBe(1);
    // when version 2, every two hours, is deployed, and its identical XML deployed again
    const xml = timerStartProcess('sweep', cycle('R/PT2H'), { name: 'sweep v2' });
    expect((await deploy(sut.server, xml)).created).toBe(true);
    expect((await deploy(sut.server, xml)).created).toBe(false);
    // then version 1's next tick (an hour on) starts nothing, and version 2's (two hours on) starts one instance
    sut.clock.advance(HOUR);
    expect(await runner.runDueJobs()).toBe(0);
    sut.clock.advance(HOUR);
    expect(await runner.runDueJobs()).toBe(1);
    // and when version 3 has no timer start event, version 2's timers stop too
    await deploy(sut.server, noneStartProcess('sweep'));
    sut.clock.advance(10 * DAY);
    expect(await runner.runDueJobs()).toBe(0);
    expect((await instancesOf('sweep')).map((instance) => instance.version).sort()).toEqual([1, 2]);
  });

  it('starts once at a timeDate, and once a timeDuration after the deployment', async () => {
    // given one version starting tomorrow at this time, and one starting 30 minutes after its deployment
    const tomorrow = new Date(sut.clock.now().getTime() + DAY).toISOString();
    await deploy(sut.server, timerStartProcess('on-date', date(tomorrow)));
    await deploy(sut.server, timerStartProcess('after-deploy', duration('PT30M')));
    // when 30 minutes pass, then the rest of the day, then ten more days
    sut.clock.advance(30 * MINUTE);
    const afterHalfAnHour = await runner.runDueJobs();
    sut.clock.advance(DAY - 30 * MINUTE);
    const afterADay = await runner.runDueJobs();
    sut.clock.advance(10 * DAY);
    const later = await runner.runDueJobs();
    // then each started exactly one instance, at its time
    expect([afterHalfAnHour, afterADay, later]).toEqual([1, 1, 0]);
    expect((await instancesOf('on-date')).map((instance) => instance.startedAt)).toEqual([tomorrow]);
    expect(await instancesOf('after-deploy')).toHaveLength(1);
  });

  it('raises an incident without an instance when a timer start keeps failing, and a newer version resolves it', async () => {
    // given a version whose timer-started instance cannot route (the variable never exists)
    const broken = await deploy(sut.server, timerStartProcess('broken-start', duration('PT1H'), { routeOn: 'approved' }));
    // when its timer is due and fails three times, with back-off
    sut.clock.advance(HOUR);
    expect(await runner.runDueJobs()).toBe(1);
    sut.clock.advance(10_000);
    expect(await runner.runDueJobs()).toBe(1);
    sut.clock.advance(20_000);
    expect(await runner.runDueJobs()).toBe(1);
    // then no instance exists, and an open incident names the version and the start event
    expect(await instancesOf('broken-start')).toEqual([]);
    const open = (await http().get('/api/incidents').query({ processKey: 'broken-start', open: true }).expect(200)).body;
    expect(open).toEqual([expect.objectContaining({ instanceId: null, processKey: 'broken-start', processVersionId: broken.id, elementId: 'on-schedule', resolvedAt: null })]);
    // when a corrected version is deployed
    await deploy(sut.server, timerStartProcess('broken-start', duration('PT1H')));
    // then the incident is resolved with the timer it was about, and the new version starts an hour later
    const incident = (await http().get(`/api/incidents/${open[0].id}`).expect(200)).body;
    expect(incident.resolvedAt).toBe(sut.clock.now().toISOString());
    sut.clock.advance(HOUR);
    expect(await runner.runDueJobs()).toBe(1);
    expect((await instancesOf('broken-start')).map((instance) => instance.version)).toEqual([2]);
  });

  it('schedules, when an engine starts, the start timers of a version stored by an engine that stopped before scheduling them', async () => {
    // given a version stored without its start timers (as by an engine killed right after the deployment's commit)
    const xml = timerStartProcess('interrupted-deploy', duration('PT1H'));
    const { processes } = await loadBpmn(xml);
    const deployedAt = sut.clock.now();
    await sut.app.get(ProcessVersionRepository).deploy({ xml, graphs: [{ id: randomUUID(), graph: processes[0] }], deployedAt });
    sut.clock.advance(2 * HOUR);
    expect(await runner.runDueJobs()).toBe(0);
    // when another engine process starts on the database (and stops again; its clock before the timer, so it fires nothing itself)
    const restart = async () => (await createTestApp({ jobPollMs: HOUR }, { database: sut.database, startAt: deployedAt })).close();
    await restart();
    // then the timer is scheduled (an hour after the deployment, so due already) and starts one instance
    expect(await runner.runDueJobs()).toBe(1);
    expect(await instancesOf('interrupted-deploy')).toHaveLength(1);
    // and a further engine start schedules nothing again
    await restart();
    sut.clock.advance(10 * DAY);
    expect(await runner.runDueJobs()).toBe(0);
  });

  it('refuses a timer start event written as FEEL, naming it, and stores nothing', async () => {
    // when a model's timer start event reads its date from a variable
    const response = await http()
      .post('/api/deployments')
      .set('Content-Type', 'application/xml')
      .send(timerStartProcess('feel-start', date('= startDate')));
    // then the deployment is refused, naming the start event
    expect(response.status).toBe(422);
    const errors = (response.body.details.problems as Array<{ severity: string }>).filter((problem) => problem.severity === 'error');
    expect(errors).toEqual([expect.objectContaining({ elementId: 'on-schedule', rule: 'host-support', message: expect.stringContaining('FEEL') })]);
    expect((await http().get('/api/process-versions').query({ key: 'feel-start' }).expect(200)).body).toEqual([]);
  });
});
