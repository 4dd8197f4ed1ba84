import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Agent } from 'supertest';
import { DataSource } from 'typeorm';
import { armCases } from '../../apps/engine/src/experiments/arm-cases.js';
import { armFactsSql } from '../../bench/support/arm-facts.js';
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

/** The facts the aggregator would have folded, written straight by SQL (as bench:experiments does). */
const SEED_SQL = armFactsSql({ processKey: KEY, days: DAYS, customers: 3000, steps: [{ elementId: 'diagnose', stage: 'diagnosis', waitingShare: 1, workingShare: 1 }] });

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
