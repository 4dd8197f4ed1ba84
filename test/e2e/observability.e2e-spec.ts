import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, deploy, fixture, type TestApp } from './support/test-app.js';

/** The value of one sample line `name{labels} value` of a Prometheus text page; undefined when absent. */
const sample = (page: string, series: string): number | undefined => {
  const line = page.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('observability: Prometheus metrics at /metrics, request ids', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
    await deploy(sut.server, await fixture('service-request.bpmn'));
  });

  afterAll(async () => {
    await sut?.close();
  });

  const scrape = async () => {
    const response = await request(sut.anonymousServer).get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    return response.text;
  };

  it('counts started cases and commands, times them, and reads open tasks, incidents and the pool at each scrape', async () => {
    // given two cases started and the first one's task completed
    const started = [];
    for (const customer of ['C-1', 'C-2']) {
      const response = await request(sut.server)
        .post('/api/processes/service-request/instances')
        .send({ variables: { category: 'warranty', customer } });
      expect(response.status).toBe(201);
      started.push(response.body.id as string);
    }
    const [task] = (await request(sut.server).get('/api/tasks').query({ instanceId: started[0], status: 'open' })).body as Array<{ id: string }>;
    expect((await request(sut.server).post(`/api/tasks/${task.id}/complete`).send({ variables: {} })).status).toBe(200);
    // and one command refused (completing the same task again)
    expect((await request(sut.server).post(`/api/tasks/${task.id}/complete`).send({ variables: {} })).status).toBe(409);

    // when Prometheus scrapes, without credentials
    const page = await scrape();

    // then the cases and commands are counted and timed
    expect(sample(page, 'tandem_cases_started_total{process_key="service-request",arm="none"}')).toBe(2);
    expect(sample(page, 'tandem_command_duration_seconds_count{command="start",outcome="ok"}')).toBe(2);
    expect(sample(page, 'tandem_command_duration_seconds_count{command="completeTask",outcome="ok"}')).toBe(1);
    // and the open tasks per group come from the database: the second case's first-line task (the first case went on to a worker)
    expect(sample(page, 'tandem_open_tasks{group="first-line"}')).toBe(1);
    expect(sample(page, 'tandem_open_tasks{group="second-line"}')).toBeUndefined();
    expect(sample(page, 'tandem_open_incidents')).toBe(0);
    expect(sample(page, 'tandem_db_pool_connections{state="total"}')).toBeGreaterThan(0);
    expect(page).toContain('tandem_process_nodejs_eventloop_lag_p99_seconds');
    expect(page).toContain('# HELP tandem_job_lag_seconds How late a job fired after it was due');
  });

  it("answers every request with its id: the caller's X-Request-Id, or a new one", async () => {
    const given = await request(sut.server).get('/api/health').set('X-Request-Id', 'lb-7f3a');
    const generated = await request(sut.server).get('/api/health');
    expect(given.headers['x-request-id']).toBe('lb-7f3a');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is served at the root, not under /api', async () => {
    expect((await request(sut.server).get('/api/metrics')).status).toBe(404);
  });
});
