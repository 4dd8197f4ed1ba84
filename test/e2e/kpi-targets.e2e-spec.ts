import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Agent } from 'supertest';
import { createTestApp, deploy, type TestApp } from './support/test-app.js';

/** GET/PUT /api/analytics/kpi-targets/{processKey}: the baselines and targets the insights page compares with. */
describe('KPI baselines and targets over HTTP', () => {
  let sut: TestApp;
  let alex: Agent;
  let ana: Agent;

  beforeAll(async () => {
    sut = await createTestApp();
    alex = await sut.signIn('alex', { roles: ['analyst'] });
    ana = await sut.signIn('ana', { roles: ['agent'], groups: ['first-line'] });
    await deploy(sut.server, await readFile('processes/customer-service/as-is.bpmn', 'utf8'));
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('answers the documented defaults for a process key nobody set targets for', async () => {
    // when
    const response = await alex.get('/api/analytics/kpi-targets/customer-service');

    // then: FCR 68 % -> 85 % and the repeat-inquiry rate 43 % -> 25 %, from the planning documents
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      processKey: 'customer-service',
      source: 'defaults',
      updatedAt: null,
      targets: { fcr: { baseline: 0.68, target: 0.85 }, repeatContactRate: { baseline: 0.43, target: 0.25 }, nps: { target: 45 } },
    });
    expect(response.body.kpis).toContain('leadTimeP90');
  });

  it('stores a set per process key and answers it back, replacing the previous one', async () => {
    // given
    await alex.put('/api/analytics/kpi-targets/customer-service').send({ fcr: { baseline: 0.5, target: 0.7 }, nps: { target: 30 } });

    // when
    const put = await alex.put('/api/analytics/kpi-targets/customer-service').send({ fcr: { baseline: 0.6, target: 0.8 }, leadTimeP90: { baseline: 48 } });
    const read = await alex.get('/api/analytics/kpi-targets/customer-service');
    const other = await alex.get('/api/analytics/kpi-targets/other-process');

    // then
    expect(put.status).toBe(200);
    expect(read.body).toMatchObject({ processKey: 'customer-service', source: 'stored', updatedBy: 'alex' });
    expect(read.body.targets).toEqual({ fcr: { baseline: 0.6, target: 0.8 }, leadTimeP90: { baseline: 48 } });
    expect(other.body.source).toBe('defaults');
  });

  it.each([
    [{ firstCallMagic: { target: 1 } }, 'firstCallMagic'],
    [{ fcr: { target: '85 %' } }, 'fcr.target'],
    [{ fcr: { baseline: 'NaN' } }, 'fcr.baseline'],
    [{ fcr: { goal: 0.9 } }, 'fcr.goal'],
    [{ fcr: 0.85 }, 'fcr'],
    [[{ fcr: { target: 0.9 } }], 'body'],
    [{}, 'body'],
    [{ fcr: {} }, 'fcr'],
  ])('refuses %j with 400 naming %s and keeps what was stored', async (body, field) => {
    // given
    await alex
      .put('/api/analytics/kpi-targets/customer-service')
      .send({ csat: { target: 90 } })
      .expect(200);

    // when
    const response = await alex.put('/api/analytics/kpi-targets/customer-service').send(body);

    // then
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'KPI_TARGETS_INVALID', details: { field } });
    expect(response.body.message).toContain(field === 'body' ? (Array.isArray(body) ? 'object' : 'no KPI') : field);
    expect((await alex.get('/api/analytics/kpi-targets/customer-service')).body.targets).toEqual({ csat: { target: 90 } });
  });

  it('refuses targets for a process key nothing is deployed under, naming the field, and stores nothing', async () => {
    // when an analyst writes targets for a key no process has
    const response = await alex.put('/api/analytics/kpi-targets/no-such-process').send({ fcr: { target: 0.9 } });

    // then
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'KPI_TARGETS_INVALID', details: { field: 'processKey' } });
    expect(response.body.message).toContain('no-such-process');
    expect((await alex.get('/api/analytics/kpi-targets/no-such-process')).body.source).toBe('defaults');
  });

  it('is for analysts, not agents', async () => {
    // when
    const read = await ana.get('/api/analytics/kpi-targets/customer-service');
    const write = await ana.put('/api/analytics/kpi-targets/customer-service').send({ fcr: { target: 1 } });

    // then
    expect(read.status).toBe(403);
    expect(write.status).toBe(403);
  });
});
