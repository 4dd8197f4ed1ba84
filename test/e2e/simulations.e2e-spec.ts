import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request, { type Agent } from 'supertest';
import { createTestApp, deploy, type TestApp } from './support/test-app.js';
import { MINUTE } from './support/test-clock.js';

/** start -> "Handle" (group agents) -> end; the redesign adds nothing but a name, so it predicts alike. */
const processXml = (version: number) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0" id="d-sim-${version}" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="sim-desk" isExecutable="true">
    <bpmn:startEvent id="received"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="handle" name="Handle (v${version})" tandem:candidateGroups="agents" tandem:standardMinutes="10"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="done"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="received" targetRef="handle" />
    <bpmn:sequenceFlow id="f2" sourceRef="handle" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>`;

describe('simulation before piloting: calibration and prediction', () => {
  let sut: TestApp;
  let analyst: Agent;
  let asIs: string;
  let toBe: string;

  beforeAll(async () => {
    sut = await createTestApp();
    analyst = await sut.signIn('sim-analyst', { roles: ['analyst'] });
    asIs = (await deploy(sut.server, processXml(1))).id;
    // history: 30 cases over a day, each worked for 5 to 20 minutes
    for (let i = 0; i < 30; i++) {
      const { id } = (
        await request(sut.server)
          .post('/api/processes/sim-desk/instances')
          .send({ variables: { category: i % 5 === 0 ? 'complaint' : 'inquiry' } })
          .expect(201)
      ).body;
      const [task] = (await request(sut.server).get(`/api/tasks?view=all&instanceId=${id}&status=open`).expect(200)).body as Array<{ id: string }>;
      await request(sut.server).post(`/api/tasks/${task.id}/claim`).send({ start: true }).expect(200);
      sut.clock.advance((5 + (i % 4) * 5) * MINUTE);
      await request(sut.server).post(`/api/tasks/${task.id}/complete`).send({}).expect(200);
      sut.clock.advance(30 * MINUTE);
    }
    toBe = (await deploy(sut.server, processXml(2))).id;
  });

  afterAll(async () => {
    await sut.close();
  });

  it('fits the parameters of the recorded cases, with the evidence behind them', async () => {
    // when
    const response = await analyst.post('/api/simulations/calibration').send({ processVersionId: asIs });
    // then
    expect(response.status).toBe(200);
    const calibration = response.body;
    expect(calibration).toMatchObject({ processVersionId: asIs, cases: 30, fit: { arrivals: { cases: 30 } } });
    expect(calibration.parameters.arrivals.perDay).toBeGreaterThan(0);
    expect(calibration.parameters.durations.handle.kind).toBe('logNormal');
    // worked 5, 10, 15 or 20 minutes: a mean of 12.5
    expect(Math.abs(calibration.parameters.durations.handle.mean - 12.5)).toBeLessThan(1.5);
    expect(calibration.fit.durations.handle).toMatchObject({ n: 30, logNormalFit: { pValue: expect.any(Number) } });
    expect(calibration.parameters.variables.category).toEqual({ kind: 'choice', weights: { complaint: 6, inquiry: 24 } });
  });

  it('predicts the as-is and the redesign on the same seeds, with intervals and the paired differences', async () => {
    // given the calibrated parameters and a team of two
    const { parameters } = (await analyst.post('/api/simulations/calibration').send({ processVersionId: asIs }).expect(200)).body;
    const body = {
      processVersionId: asIs,
      candidateVersionId: toBe,
      replications: 3,
      parameters: { ...parameters, seed: 7, start: '2026-02-02T00:00:00Z', horizon: { days: 3, drainDays: 1 }, pools: [{ id: 'agents', size: 2 }] },
    };
    // when
    const response = await analyst.post('/api/simulations/predictions').send(body);
    // then
    expect(response.status).toBe(200);
    const { baseline, candidate, differences } = response.body;
    expect(baseline).toMatchObject({ processVersionId: asIs, replications: 3 });
    expect(candidate.processVersionId).toBe(toBe);
    expect(baseline.figures.leadTimeMeanMinutes.runs).toBe(3);
    expect(baseline.figures.leadTimeMeanMinutes.interval).toHaveLength(2);
    expect(baseline.pools[0]).toMatchObject({ poolId: 'agents', agents: 2, utilisation: { runs: 3 } });
    // the two versions do the same work on the same draws: no difference at all
    expect(differences.leadTimeMeanMinutes.mean).toBe(0);
  });

  it('refuses what it cannot do, naming the field', async () => {
    // a version without history
    const noHistory = await analyst.post('/api/simulations/calibration').send({ processVersionId: toBe });
    expect(noHistory.status).toBe(422);
    expect(noHistory.body).toMatchObject({ code: 'SIMULATION_NO_HISTORY', details: { processVersionId: toBe } });
    // an unknown version
    const unknown = await analyst.post('/api/simulations/calibration').send({ processVersionId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(404);
    // parameters the simulator cannot run
    const base = { seed: 1, start: '2026-02-02T00:00:00Z', horizon: { days: 1 }, arrivals: { perDay: 10 }, pools: [{ id: 'agents', size: 1 }] };
    const invalid = await analyst.post('/api/simulations/predictions').send({ processVersionId: asIs, parameters: { ...base, arrivals: { perDay: -3 } } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.code).toBe('SIMULATION_PARAMETERS_INVALID');
    expect(JSON.stringify(invalid.body.details)).toContain('arrivals.perDay');
    // more cases than one request may simulate
    const tooLarge = await analyst
      .post('/api/simulations/predictions')
      .send({ processVersionId: asIs, replications: 10, parameters: { ...base, arrivals: { perDay: 5000 }, horizon: { days: 30 } } });
    expect(tooLarge.status).toBe(422);
    expect(tooLarge.body).toMatchObject({ code: 'SIMULATION_TOO_LARGE', details: { field: 'parameters.horizon.days' } });
    // too many replications
    const replications = await analyst.post('/api/simulations/predictions').send({ processVersionId: asIs, replications: 11, parameters: base });
    expect(replications.status).toBe(400);
    expect(JSON.stringify(replications.body)).toContain('replications');
  });

  it("runs each version on the parameters its model has, with the candidate's own on top", async () => {
    // given a redesign whose one step has another id: the as-is calibration's durations do not name it
    const redesign = (await deploy(sut.server, processXml(3).replaceAll('"handle"', '"handle-fast"'))).id;
    const { parameters } = (await analyst.post('/api/simulations/calibration').send({ processVersionId: asIs }).expect(200)).body;
    // when predicted beside the as-is, with its step's duration given for it alone
    const response = await analyst.post('/api/simulations/predictions').send({
      processVersionId: asIs,
      candidateVersionId: redesign,
      replications: 2,
      parameters: { ...parameters, seed: 9, start: '2026-02-02T00:00:00Z', horizon: { days: 2, drainDays: 1 }, pools: [{ id: 'agents', size: 2 }] },
      candidateParameters: { durations: { 'handle-fast': { kind: 'fixed', value: 2 } } },
    });
    // then both run, and the faster step shows
    expect(response.status).toBe(200);
    expect(response.body.differences.leadTimeMeanMinutes.mean).toBeLessThan(0);
  });

  it('stops a prediction whose cases loop for ever, naming where', async () => {
    // given a model that sends every case back to its task until a variable nobody sets is true
    const loop = (await deploy(sut.server, LOOP_XML)).id;
    // when predicted without shares for the looping gateway
    const response = await analyst.post('/api/simulations/predictions').send({
      processVersionId: loop,
      replications: 1,
      parameters: { seed: 1, start: '2026-02-02T00:00:00Z', horizon: { days: 20 }, arrivals: { perDay: 5 }, pools: [{ id: 'agents', size: 1 }] },
    });
    // then a 422 names the case, the element and the field to fix
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'SIMULATION_RUNAWAY_CASE', details: { field: 'parameters.branches' } });
  });
});

const LOOP_XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0" id="d-sim-loop" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="sim-loop" isExecutable="true">
    <bpmn:startEvent id="received"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:exclusiveGateway id="join"><bpmn:incoming>f1</bpmn:incoming><bpmn:incoming>again</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:userTask id="review" tandem:candidateGroups="agents" tandem:standardMinutes="5"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask>
    <bpmn:exclusiveGateway id="approved" default="again"><bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>done</bpmn:outgoing><bpmn:outgoing>again</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:endEvent id="end"><bpmn:incoming>done</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="received" targetRef="join" />
    <bpmn:sequenceFlow id="f2" sourceRef="join" targetRef="review" />
    <bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="approved" />
    <bpmn:sequenceFlow id="done" sourceRef="approved" targetRef="end"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">= isApproved = true</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="again" sourceRef="approved" targetRef="join" />
  </bpmn:process>
</bpmn:definitions>`;
