import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request, { type Agent } from 'supertest';
import { DataSource } from 'typeorm';
import { HistoryMaintenance } from '../../apps/engine/src/history/history-maintenance.service.js';
import { HOUR, MINUTE } from './support/test-clock.js';
import { createTestApp, deploy, type TestApp } from './support/test-app.js';

const DAY = 24 * HOUR;

/** Received -> Record (first line, BVA) -> Resolve (second line, VA) -> resolved. */
const SERVICE = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0"
  id="retention-definitions" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="retained-service" isExecutable="true">
    <bpmn:startEvent id="received"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="record" name="Record request" tandem:candidateGroups="first-line" tandem:valueClass="BVA">
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:userTask id="resolve" name="Resolve request" tandem:candidateGroups="first-line" tandem:valueClass="VA">
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="resolved"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="received" targetRef="record" />
    <bpmn:sequenceFlow id="f2" sourceRef="record" targetRef="resolve" />
    <bpmn:sequenceFlow id="f3" sourceRef="resolve" targetRef="resolved" />
  </bpmn:process>
</bpmn:definitions>`;

/** The aggregate-backed reports, over all time and over whole months: what must survive retention unchanged. */
const REPORTS = [
  ['/api/analytics/activities', {}],
  ['/api/analytics/bottlenecks', {}],
  ['/api/analytics/cases', {}],
  ['/api/analytics/value-added', {}],
  ['/api/analytics/activities', { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' }],
  ['/api/analytics/cases', { from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' }],
] as const;

describe('bounded history (TANDEM_HISTORY_RETENTION_MONTHS)', () => {
  let sut: TestApp;
  let versionId: string;
  let anna: Agent;
  const ids: Record<'january1' | 'january2' | 'running' | 'lateFebruary' | 'march', string> = {} as never;
  const before = new Map<string, unknown>();

  const http = () => request(sut.server);
  const ok = async (pending: PromiseLike<request.Response>) => {
    const response = await pending;
    if (response.status !== 200 && response.status !== 201) throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
    return response;
  };
  const start = async (businessKey: string) =>
    (
      await ok(
        http()
          .post('/api/processes/retained-service/instances')
          .send({ businessKey, variables: { channel: 'phone' } }),
      )
    ).body.id as string;
  /** Claims, starts and completes the case's open task `workMs` after its start. */
  const work = async (instanceId: string, workMs: number) => {
    const [task] = (await ok(http().get('/api/tasks').query({ instanceId, status: 'open' }))).body as Array<{ id: string }>;
    await ok(anna.post(`/api/tasks/${task.id}/claim`).send({ start: true }));
    sut.clock.advance(workMs);
    await ok(anna.post(`/api/tasks/${task.id}/complete`).send({ variables: {} }));
  };
  const report = async (path: string, window: object) =>
    (
      await ok(
        http()
          .get(path)
          .query({ processVersionId: versionId, ...window }),
      )
    ).body as unknown;
  const stepPartitions = async (): Promise<string[]> =>
    (
      await sut.app
        .get(DataSource)
        .query<Array<{ name: string }>>(`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'step_event'::regclass ORDER BY 1`)
    ).map(({ name }) => name);

  beforeAll(async () => {
    // given an engine keeping 2 months of history beside the current one, starting on 5 January 2026
    sut = await createTestApp({ historyRetentionMonths: 2 });
    versionId = (await deploy(sut.server, SERVICE)).id;
    anna = await sut.signIn('anna', { roles: ['agent'], groups: ['first-line'] });
    // two cases ended in January, one started in January and still running at Resolve
    ids.january1 = await start('cust-1');
    sut.clock.advance(10 * MINUTE);
    await work(ids.january1, 20 * MINUTE);
    await work(ids.january1, 30 * MINUTE);
    ids.january2 = await start('cust-2');
    sut.clock.advance(HOUR);
    await work(ids.january2, 15 * MINUTE);
    sut.clock.advance(2 * HOUR);
    await work(ids.january2, 45 * MINUTE);
    ids.running = await start('cust-3');
    await work(ids.running, 5 * MINUTE);
    // a case that starts late in February and ends on 2 March, just inside the window kept in May
    sut.clock.advance(Date.parse('2026-02-27T10:00:00Z') - sut.clock.now().getTime());
    ids.lateFebruary = await start('cust-4');
    await work(ids.lateFebruary, 30 * MINUTE);
    sut.clock.advance(3 * DAY);
    await work(ids.lateFebruary, 60 * MINUTE);
    // and a case in March
    sut.clock.advance(8 * DAY);
    ids.march = await start('cust-5');
    await work(ids.march, 10 * MINUTE);
    await work(ids.march, 10 * MINUTE);
    // on 10 May, the reports as they stand
    sut.clock.advance(Date.parse('2026-05-10T09:00:00Z') - sut.clock.now().getTime());
    for (const [path, window] of REPORTS) before.set(`${path} ${JSON.stringify(window)}`, await report(path, window));
    before.set('late February steps', (await ok(http().get(`/api/instances/${ids.lateFebruary}/steps`))).body);
    before.set('running steps', (await ok(http().get(`/api/instances/${ids.running}/steps`))).body);
    before.set('kpis inside the window', await report('/api/analytics/kpis', { from: '2026-03-01T00:00:00.000Z', to: '2026-05-01T00:00:00.000Z' }));
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('drops the month partitions before March, and deletes the cases that ended before it', async () => {
    // given the partitions of January and February hold steps
    expect(await stepPartitions()).toEqual(expect.arrayContaining(['step_event_p2026_01', 'step_event_p2026_02', 'step_event_p2026_03']));
    // when history maintenance runs on 10 May
    const result = await sut.app.get(HistoryMaintenance).maintain();
    // then January's and February's partitions are gone, and the months from March on are there
    expect(result.dropped).toEqual(['step_event_p2026_01', 'step_event_p2026_02', 'instance_history_p2026_01', 'instance_history_p2026_02']);
    expect(result.created).toEqual(expect.arrayContaining(['step_event_p2026_05', 'step_event_p2026_06', 'step_event_p2026_07']));
    const partitions = await stepPartitions();
    expect(partitions).not.toContain('step_event_p2026_01');
    expect(partitions).not.toContain('step_event_p2026_02');
    expect(partitions).toEqual(expect.arrayContaining(['step_event_p2026_03', 'step_event_p2026_05']));
    // and the January cases are gone
    expect(result.deletedInstances).toBe(2);
    await http().get(`/api/instances/${ids.january1}`).expect(404);
    await http().get(`/api/instances/${ids.january2}`).expect(404);
  });

  it('keeps the totals of the aggregate reports', async () => {
    for (const [path, window] of REPORTS) {
      expect({ path, window, body: await report(path, window) }).toEqual({ path, window, body: before.get(`${path} ${JSON.stringify(window)}`) });
    }
  });

  it('keeps every step of the case that ended just inside the window, and of the running case, which can still finish', async () => {
    expect((await ok(http().get(`/api/instances/${ids.lateFebruary}/steps`))).body).toEqual(before.get('late February steps'));
    expect((await ok(http().get(`/api/instances/${ids.running}/steps`))).body).toEqual(before.get('running steps'));
    expect(await report('/api/analytics/kpis', { from: '2026-03-01T00:00:00.000Z', to: '2026-05-01T00:00:00.000Z' })).toEqual(before.get('kpis inside the window'));
    // when the running case from January finishes now
    await work(ids.running, 5 * MINUTE);
    // then it counts like any other
    const cases = (await report('/api/analytics/cases', {})) as { sampleSize: { cases: number } };
    expect(cases.sampleSize.cases).toBe((before.get('/api/analytics/cases {}') as { sampleSize: { cases: number } }).sampleSize.cases + 1);
  });
});
