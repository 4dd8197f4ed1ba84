import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DEFAULT_APP_CONFIG } from '../../apps/engine/src/common/config.js';
import { createTestApp, deploy, fixture, type TestApp } from './support/test-app.js';

const MINUTE = 60_000;

interface LockedTask {
  id: string;
  instanceId: string;
  elementId: string;
  topic: string;
  retries: number;
  variables: Record<string, unknown>;
  headers: Record<string, string>;
}

/** Issue 23: models drawn in Camunda Modeler for Camunda 8 deploy and run as Camunda 8 runs them. */
describe('Camunda 8 models', () => {
  let sut: TestApp;
  let drawn: string;

  beforeAll(async () => {
    // The test is the worker of every job type here, the REST connector's too (docs/camunda-8-connectors.md).
    sut = await createTestApp({ connectors: { ...DEFAULT_APP_CONFIG.connectors, httpJson: false } });
    drawn = await fixture('camunda-8/weather-notification.bpmn');
  });

  afterAll(async () => {
    await sut?.close();
  });

  /** Fetches and locks the one open job of the type for the instance. */
  const fetchJob = async (topic: string, instanceId: string): Promise<LockedTask> => {
    const fetched = await request(sut.server)
      .post('/api/external-tasks/fetch-and-lock')
      .send({ workerId: `${topic}-worker`, maxTasks: 10, topics: [{ name: topic, lockDurationMs: 5 * MINUTE }] })
      .expect(200);
    const task = (fetched.body as LockedTask[]).find((candidate) => candidate.instanceId === instanceId);
    expect(task).toBeDefined();
    return task!;
  };

  const complete = (task: LockedTask, variables: Record<string, unknown> = {}) =>
    request(sut.server)
      .post(`/api/external-tasks/${task.id}/complete`)
      .send({ workerId: `${task.topic}-worker`, variables })
      .expect(200);

  it('deploy with static mappings, task headers, a none start event output mapping and job-worker message events, and run to the end', async () => {
    // given the model deployed as Camunda Modeler wrote it
    const version = await deploy(sut.server, drawn);
    expect(version).toMatchObject({ key: 'weather-notification', version: 1 });

    // when a case starts
    const started = await request(sut.server)
      .post('/api/processes/weather-notification/instances')
      .send({ variables: { customer: { email: 'ada@example.com' } } })
      .expect(201);
    const instanceId = started.body.id as string;

    // then the start event's output mapping ran over the start variables, and the connector job holds its static inputs as text
    const fetchWeather = await fetchJob('io.camunda:http-json:1', instanceId);
    expect(fetchWeather).toMatchObject({ elementId: 'Activity_FetchWeather', retries: 3, headers: { resultExpression: '={forecast: response.body.summary}' } });
    expect(fetchWeather.variables).toMatchObject({
      customer: { email: 'ada@example.com' },
      recipient: 'ada@example.com',
      method: 'GET',
      url: 'https://api.example.com/data/2.5/weather',
      tokenUrl: '{{secrets.KEYCLOAK_TOKEN_URL}}',
      sender: 'weatherinfo@example.com',
    });

    // when the worker answers, the message throw event becomes a job of its type and the case waits for it
    await complete(fetchWeather, { response: { body: { summary: 'sunny' } } });
    const notify = await fetchJob('notify-customer', instanceId);
    expect(notify).toMatchObject({ elementId: 'Event_NotifyCustomer', retries: 5, headers: {} });
    expect(notify.variables).toMatchObject({ forecast: 'sunny' });
    expect((await request(sut.server).get(`/api/instances/${instanceId}`).expect(200)).body).toMatchObject({ status: 'active' });

    // then the message end event is a job too, and completing it ends the case
    await complete(notify);
    const receipt = await fetchJob('send-receipt', instanceId);
    expect(receipt).toMatchObject({ elementId: 'Event_SendReceipt' });
    await complete(receipt);
    const ended = await request(sut.server).get(`/api/instances/${instanceId}`).expect(200);
    expect(ended.body).toMatchObject({ status: 'completed' });
  });

  it('refuse a mapping whose expression after = does not parse with 422, naming the element and the mapping, storing nothing', async () => {
    // given the model with a broken expression and its own key
    const broken = drawn.replace('source="=response.body.summary"', 'source="=response.body.summary +"').replaceAll('weather-notification', 'weather-broken');

    // when
    const response = await request(sut.server).post('/api/deployments').set('Content-Type', 'application/xml').send(broken);

    // then
    expect(response.status).toBe(422);
    expect(JSON.stringify(response.body)).toContain("mapping to 'forecast'");
    expect(JSON.stringify(response.body)).toContain('Activity_FetchWeather');
    const versions = await request(sut.server).get('/api/process-versions?key=weather-broken').expect(200);
    expect(versions.body).toEqual([]);
  });
});
