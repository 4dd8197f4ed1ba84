import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Agent } from 'supertest';
import { DataSource } from 'typeorm';
import { armCases } from '../../apps/engine/src/experiments/arm-cases.js';
import { BINNED_RELATIVE_ERROR, analyzeExperiment, type ExperimentAnalysis } from '#experiments';
import { CaseFactRepository, ExperimentRepository } from '#persistence';
import { createTestApp, deploy, type TestApp } from './support/test-app.js';

/** Above BOOTSTRAP_MAX_CASES (5,000) ended cases an arm the analysis reads aggregates: 6,000 an arm, 5 % still running. */
const ARM_CASES = 6000;
const DAYS = 20;
const KEY = 'histogram-analysis';

const versionXml = (version: number, name: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0" id="d-${KEY}-${version}" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="${KEY}" isExecutable="true">
    <bpmn:startEvent id="received"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="diagnose" name="${name}" tandem:stage="diagnosis"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="done"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="received" targetRef="diagnose" />
    <bpmn:sequenceFlow id="f2" sourceRef="diagnose" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>`;

/**
 * The facts the aggregator would have folded, written straight by SQL (as bench:experiments does):
 * $1 experiment, $2 arm, $3 version, $4 cases, $5 the experiment's start, $6 the arm's speed factor,
 * $7 salt. Durations log-normal-ish from md5 bits, deterministic per case.
 */
const SEED_SQL = `
WITH c AS (
  SELECT i, md5($7 || ':' || i)::uuid AS id,
         $5::timestamptz + make_interval(secs => (i::double precision * ${DAYS} * 86400 / $4::int)) AS t0,
         exp(7.5 + 1.2 * ((get_byte(decode(md5($7 || 'w' || i), 'hex'), 0) + get_byte(decode(md5($7 || 'w' || i), 'hex'), 1)) / 510.0 - 0.5) * 3) * $6::double precision * 1000 AS waiting,
         (60 + get_byte(decode(md5($7 || 'p' || i), 'hex'), 0) * 10) * 1000.0 AS working,
         get_byte(decode(md5($7 || 'x' || i), 'hex'), 1) AS b1
  FROM generate_series(1, $4::int) AS i
), t AS (
  SELECT c.*, CASE WHEN i % 20 = 0 THEN NULL ELSE t0 + make_interval(secs => (waiting + working) / 1000) END AS t1 FROM c
), instances AS (
  INSERT INTO instance (id, process_version_id, process_key, business_key, status, state, revision, started_at, ended_at)
  SELECT id, $3::uuid, '${KEY}', 'customer-' || (i % 3000), CASE WHEN t1 IS NULL THEN 'running' ELSE 'completed' END, '{}'::jsonb, 1, t0, t1 FROM t
), assignments AS (
  INSERT INTO experiment_assignment (instance_id, experiment_id, arm_id, process_version_id, reason, unit_key, assigned_at)
  SELECT id, $1::uuid, $2, $3::uuid, 'weight', id::text, t0 FROM t
)
INSERT INTO case_fact (instance_id, process_version_id, experiment_id, arm_id, business_key, status, started_at, ended_at, last_seq,
  lead_time_ms, desk_time_ms, queue_ms, claimed_idle_ms, processing_ms, handoff_ms, external_system_ms, designed_wait_ms, other_ms, handling_ms,
  nva_ms, nva_steps, nva_processing_ms, va_processing_ms, first_response_ms, first_lane, user_task_lanes, escalated, rework,
  costed_amount, uncosted_processing_ms, csat, nps, segments, ended_runs, first_ready_at, last_ended_at, work, stages, worked)
SELECT id, $3::uuid, $1::uuid, $2, 'customer-' || (i % 3000), CASE WHEN t1 IS NULL THEN 'running' ELSE 'completed' END, t0, t1, i * 17,
  CASE WHEN t1 IS NULL THEN NULL ELSE waiting + working END, CASE WHEN t1 IS NULL THEN NULL ELSE waiting + working END,
  CASE WHEN t1 IS NULL THEN NULL ELSE waiting * 0.8 END, CASE WHEN t1 IS NULL THEN NULL ELSE waiting * 0.2 END,
  CASE WHEN t1 IS NULL THEN NULL ELSE working END, 0, 0, 0, 0, working, 0, 0, 0, working,
  CASE WHEN t1 IS NULL THEN NULL ELSE waiting * 0.5 END, 'first-line', ARRAY['first-line'], b1 % 10 = 0,
  CASE WHEN b1 % 7 = 0 THEN '{"elements": {"diagnose": 1}, "loops": []}'::jsonb END,
  0, working, NULL, NULL, '{}'::jsonb, CASE WHEN t1 IS NULL THEN 1 ELSE 4 END, t0, t1, '[]'::jsonb,
  CASE WHEN t1 IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('diagnosis', jsonb_build_object('waitingMs', waiting, 'processingMs', working)) END,
  CASE WHEN t1 IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_build_object('elementId', 'diagnose', 'durationMs', waiting + working)) END
FROM t`;

describe('experiment analysis above the exact path threshold (aggregates read from PostgreSQL)', () => {
  let sut: TestApp;
  let analyst: Agent;
  let experimentId: string;

  beforeAll(async () => {
    // given an experiment started 21 days ago with 6,000 cases an arm seeded as facts, the candidate 15 % less waiting
    sut = await createTestApp();
    analyst = await sut.signIn('histogram-analyst', { roles: ['analyst'] });
    const baseline = (await deploy(sut.server, versionXml(1, 'Diagnose'))).id;
    const candidate = (await deploy(sut.server, versionXml(2, 'Diagnose (knowledge base first)'))).id;
    const created = await analyst.post('/api/experiments').send({
      processKey: KEY,
      seed: 2026,
      arms: [
        { id: 'as-is', role: 'baseline', processVersionId: baseline, weight: 50 },
        { id: 'to-be', role: 'candidate', processVersionId: candidate, weight: 50 },
      ],
      primaryMetric: 'leadTime',
      secondaryMetrics: ['waitingTime', 'processingTime', 'escalationRate'],
      plan: { alpha: 0.05, power: 0.8, mde: 0.1, logSd: 0.8 },
    });
    expect(created.status).toBe(201);
    experimentId = created.body.id as string;
    expect((await analyst.post(`/api/experiments/${experimentId}/start`).send({})).status).toBe(200);
    const dataSource = sut.app.get(DataSource);
    const start = new Date(sut.clock.now().getTime() - (DAYS + 1) * 86_400_000);
    await dataSource.query(`UPDATE experiment SET started_at = $2 WHERE id = $1`, [experimentId, start]);
    await dataSource.query(SEED_SQL, [experimentId, 'as-is', baseline, ARM_CASES, start, 1, 'b']);
    await dataSource.query(SEED_SQL, [experimentId, 'to-be', candidate, ARM_CASES, start, 0.85, 'c']);
  });

  afterAll(async () => {
    await sut.close();
  });

  /** The exact path's analysis of the same facts at the same instant (every case read, as below the threshold). */
  const exactAnalysis = async (): Promise<ExperimentAnalysis> => {
    const record = (await sut.app.get(ExperimentRepository).findById(experimentId))!;
    const facts = sut.app.get(CaseFactRepository);
    const routed = await sut.app.get(ExperimentRepository).routedCases(experimentId);
    const { cases, activities } = armCases(routed, await facts.armFacts(experimentId));
    return analyzeExperiment({
      experiment: record.experiment,
      now: sut.clock.now().getTime(),
      startedAt: record.startedAt!.getTime(),
      stoppedAt: null,
      cases,
      activities,
      planViolations: [],
    });
  };

  it('answers with method histogram and the exact path verdict, direction and figures within the bucket bound', async () => {
    // when the analysis is asked for over HTTP
    const response = await analyst.get(`/api/experiments/${experimentId}/analysis`);
    // then its duration metrics come from histograms, and they agree with every case read
    expect(response.status).toBe(200);
    const sut = response.body as ExperimentAnalysis;
    const exact = await exactAnalysis();
    const [binned, reference] = [sut.candidates[0], exact.candidates[0]];
    expect(sut.arms.map((arm) => arm.finished)).toEqual([5700, 5700]);
    expect(sut.verdict).toBe(exact.verdict);
    for (const metric of ['leadTime', 'waitingTime', 'processingTime'] as const) {
      const [m, x] = [binned.metrics.find((r) => r.metric === metric)!, reference.metrics.find((r) => r.metric === metric)!];
      expect(m.method).toBe('histogram');
      expect(m.medianDifference?.method).toBe('histogram');
      expect(m.direction).toBe(x.direction);
      const bound = BINNED_RELATIVE_ERROR * ((x.baseline as { p90Ms: number }).p90Ms + (x.candidate as { p90Ms: number }).p90Ms);
      expect(Math.abs(m.p90Difference!.estimate - x.p90Difference!.estimate)).toBeLessThanOrEqual(bound);
      expect(Math.abs(m.difference! - x.difference!)).toBeLessThanOrEqual(bound);
    }
    expect(binned.metrics.find((r) => r.metric === 'leadTime')!.direction).toBe('better');
    // rates stay exact: the same figures as every case read
    const rate = (a: typeof binned) => a.metrics.find((r) => r.metric === 'escalationRate')!;
    expect(rate(binned)).toEqual(rate(reference));
    expect(rate(binned).method).toBeUndefined();
    // the stages' means are exact sums over counts; the activity differences from per-element histograms
    expect(sut.stages).toHaveLength(exact.stages.length);
    for (const [i, stage] of sut.stages.entries())
      for (const [k, arm] of stage.arms.entries()) {
        expect(arm.cases).toBe(exact.stages[i].arms[k].cases);
        if (arm.meanWaitingMs !== null) expect(arm.meanWaitingMs).toBeCloseTo(exact.stages[i].arms[k].meanWaitingMs!, 3);
      }
    const [activity, exactActivity] = [binned.activities.find((a) => a.elementId === 'diagnose')!, reference.activities.find((a) => a.elementId === 'diagnose')!];
    expect(activity.baseline.n).toBe(exactActivity.baseline.n);
    expect(Math.abs(activity.candidate.medianMs! - exactActivity.candidate.medianMs!)).toBeLessThanOrEqual(BINNED_RELATIVE_ERROR * exactActivity.candidate.medianMs!);
    expect(activity.significant).toBe(exactActivity.significant);
    // and the looks come from the same day sums
    expect(binned.looks).toEqual(reference.looks);
  });
});
