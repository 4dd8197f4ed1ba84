import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request, { type Agent } from 'supertest';
import { GuardrailMonitor } from '../../apps/engine/src/experiments/guardrail-monitor.service.js';
import { CaseFactRepository, ExperimentRepository } from '#persistence';
import { ledgerAnalysis } from './support/ledger-arm-cases.js';
import { createTestApp, deploy, eventually, type TestApp } from './support/test-app.js';
import { HOUR } from './support/test-clock.js';

/** One user task in the diagnosis stage; the versions differ in the task's name only, so every element maps across. */
const versionXml = (key: string, version: number) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0" id="d-${key}-${version}" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="${key}" isExecutable="true">
    <bpmn:startEvent id="received"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="diagnose" name="Diagnose (v${version})" tandem:stage="diagnosis"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="done"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="received" targetRef="diagnose" />
    <bpmn:sequenceFlow id="f2" sourceRef="diagnose" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>`;

interface Versions {
  baseline: string;
  candidate: string;
}

interface Started {
  id: string;
  processVersionId: string;
  assignment: { armId: string; reason: string };
}

const definition = (key: string, versions: Versions, extra: Record<string, unknown> = {}) => ({
  processKey: key,
  seed: 424242,
  arms: [
    { id: 'as-is', role: 'baseline', processVersionId: versions.baseline, weight: 50 },
    { id: 'to-be', role: 'candidate', processVersionId: versions.candidate, weight: 50 },
  ],
  primaryMetric: 'leadTime',
  secondaryMetrics: ['processingTime'],
  plan: { alpha: 0.05, power: 0.8, mde: 0.2, logSd: 0.8 },
  ...extra,
});

describe('experiment analysis, verdict report, guardrails and promotion', () => {
  let sut: TestApp;
  let analyst: Agent;
  let designer: Agent;

  beforeAll(async () => {
    sut = await createTestApp();
    analyst = await sut.signIn('analysis-analyst', { roles: ['analyst'] });
    designer = await sut.signIn('analysis-designer', { roles: ['designer'] });
  });

  afterAll(async () => {
    await sut.close();
  });

  const deployPair = async (key: string): Promise<Versions> => ({
    baseline: (await deploy(sut.server, versionXml(key, 1))).id,
    candidate: (await deploy(sut.server, versionXml(key, 2))).id,
  });

  const createExperiment = async (body: Record<string, unknown>): Promise<string> => {
    const response = await analyst.post('/api/experiments').send(body);
    expect(response.status).toBe(201);
    return response.body.id as string;
  };

  const start = async (id: string) => expect((await analyst.post(`/api/experiments/${id}/start`).send({})).status).toBe(200);

  const startCases = async (key: string, count: number): Promise<Started[]> => {
    const started: Started[] = [];
    for (let i = 0; i < count; i++) {
      const response = await request(sut.server)
        .post(`/api/processes/${key}/instances`)
        .send({ variables: { n: i } });
      expect(response.status).toBe(201);
      started.push(response.body as Started);
    }
    return started;
  };

  /** Claims, starts and completes the open task of each case. */
  const work = async (cases: readonly Started[]) => {
    for (const { id } of cases) {
      const [task] = (await request(sut.server).get(`/api/tasks?view=all&instanceId=${id}&status=open`).expect(200)).body as Array<{ id: string }>;
      await request(sut.server).post(`/api/tasks/${task.id}/claim`).send({ start: true }).expect(200);
      await request(sut.server).post(`/api/tasks/${task.id}/complete`).send({}).expect(200);
    }
  };

  const byArm = (cases: readonly Started[], armId: string) => cases.filter((c) => c.assignment.armId === armId);

  it('analyses the arms and gives a reproducible verdict report as JSON and CSV', async () => {
    // given a draft experiment, which has nothing to analyse yet
    const key = 'analysis-report';
    const versions = await deployPair(key);
    const id = await createExperiment(definition(key, versions));
    const draft = await analyst.get(`/api/experiments/${id}/analysis`);
    expect(draft.status).toBe(409);
    expect(draft.body).toMatchObject({ code: 'EXPERIMENT_NOT_STARTED', details: { state: 'draft' } });

    // when it runs, the candidate's cases are done at once and the baseline's take two hours, and two cases stay open
    await start(id);
    const cases = await startCases(key, 40);
    const open = cases.slice(-2);
    const done = cases.slice(0, -2);
    await work(byArm(done, 'to-be'));
    sut.clock.advance(2 * HOUR);
    await work(byArm(done, 'as-is'));
    const response = await analyst.get(`/api/experiments/${id}/analysis`);

    // then the arms, the metrics with intervals and p-values, running cases, stages and activities are there
    expect(response.status).toBe(200);
    const analysis = response.body;
    const assigned = (armId: string) => byArm(cases, armId).length;
    expect(analysis.arms).toEqual([
      expect.objectContaining({ armId: 'as-is', role: 'baseline', assigned: assigned('as-is'), running: byArm(open, 'as-is').length }),
      expect.objectContaining({ armId: 'to-be', role: 'candidate', assigned: assigned('to-be'), running: byArm(open, 'to-be').length }),
    ]);
    const [candidate] = analysis.candidates;
    const [leadTime, processing] = candidate.metrics;
    expect(leadTime).toMatchObject({ metric: 'leadTime', primary: true, direction: 'better', test: 'mann-whitney' });
    expect(leadTime.interval[1]).toBeLessThan(0);
    expect(leadTime.pValue).toBeLessThan(0.001);
    expect(processing).toMatchObject({ metric: 'processingTime', primary: false });
    expect(candidate.leadTime.baseline.running + candidate.leadTime.candidate.running).toBe(2);
    expect(analysis.verdict).toBe('SHIP');
    expect(analysis.reasons[0].code).toBe('BOUNDARY_CROSSED_IN_FAVOUR');
    const diagnosis = analysis.stages.find((stage: { stage: string }) => stage.stage === 'diagnosis');
    expect(diagnosis.arms[0].meanWaitingMs).toBeGreaterThan(HOUR);
    expect(diagnosis.arms[1].meanWaitingMs).toBe(0);
    expect(candidate.activities).toEqual([expect.objectContaining({ elementId: 'diagnose', significant: true })]);

    // and the report downloads as JSON and CSV with the same data hash and seed, the same on every call
    const json = await analyst.get(`/api/experiments/${id}/verdict?format=json`);
    expect(json.status).toBe(200);
    expect(json.headers['content-disposition']).toContain(`experiment-${id}-v1-${analysis.dataHash}.json`);
    const report = JSON.parse(json.text);
    expect(report).toEqual(analysis);
    const csv = await analyst.get(`/api/experiments/${id}/verdict?format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('section,name,value');
    expect(lines).toContain(`reproduce,dataHash,${analysis.dataHash}`);
    expect(lines).toContain('reproduce,seed,424242');
    expect(lines).toContain('experiment,verdict,SHIP');
    // every figure's name carries its unit: durations in ms, rates as shares
    expect(lines.filter((line) => /metric \w+,difference/.test(line)).every((line) => /,difference_(ms|share),/.test(line))).toBe(true);
    expect(lines.some((line) => /,difference_(ms|share),/.test(line))).toBe(true);
    const wrongFormat = await analyst.get(`/api/experiments/${id}/verdict?format=xml`);
    expect(wrongFormat.status).toBe(400);
    expect(JSON.stringify(wrongFormat.body)).toContain('format');
  });

  it('pauses a candidate that breaches a guardrail, sends its new cases to the baseline and records why', async () => {
    // given an experiment whose candidate takes an hour where the baseline takes no time, guarded at 10 % longer lead time
    const key = 'analysis-guardrail';
    const versions = await deployPair(key);
    const id = await createExperiment(definition(key, versions, { guardrails: [{ id: 'slower', metric: 'leadTime', maxWorsening: 0.1 }] }));
    await start(id);
    const cases = await startCases(key, 40);
    await work(byArm(cases, 'as-is'));
    sut.clock.advance(HOUR);
    await work(byArm(cases, 'to-be'));

    // when its guardrails come due (the monitor polls; one call here makes sure a check ran)
    sut.clock.advance(10 * 60_000);
    await sut.app.get(GuardrailMonitor).checkDue();
    const paused = await eventually(
      async () => (await analyst.get(`/api/experiments/${id}`).expect(200)).body,
      (experiment) => experiment.arms[1].paused === true,
    );

    // then the candidate is paused, the check's results are kept and the event log says why, once
    expect(paused.state).toBe('running');
    expect(paused.guardrailChecks).toEqual([expect.objectContaining({ id: 'slower', candidateArmId: 'to-be', status: 'breached' })]);
    const events = (await analyst.get(`/api/experiments/${id}/events`).expect(200)).body as Array<{
      action: string;
      actor: string;
      reason: string;
      details: Record<string, unknown>;
    }>;
    const pauses = events.filter((event) => event.action === 'guardrailPause');
    expect(pauses).toHaveLength(1);
    expect(pauses[0]).toMatchObject({ actor: 'guardrail', details: { armId: 'to-be', guardrailId: 'slower', metric: 'leadTime', limit: 0.1 } });
    expect(pauses[0].reason).toContain('guardrail slower (leadTime) breached');

    // and new cases go to the baseline, those the hash meant for the candidate with the reason "guardrail"
    const later = await startCases(key, 20);
    expect(later.every((c) => c.assignment.armId === 'as-is' && c.processVersionId === versions.baseline)).toBe(true);
    expect(later.some((c) => c.assignment.reason === 'guardrail')).toBe(true);

    // and the verdict keeps the baseline, naming the guardrail
    const analysis = (await analyst.get(`/api/experiments/${id}/analysis`).expect(200)).body;
    expect(analysis.verdict).toBe('KEEP_BASELINE');
    expect(analysis.reasons[0]).toMatchObject({ code: 'GUARDRAIL_BREACHED', numbers: { guardrail: 'slower' } });

    // and a person may resume the arm; the baseline is no arm to pause
    const resumed = await analyst.post(`/api/experiments/${id}/arms/to-be/resume`).send({ reason: 'fixed the slow step' });
    expect(resumed.status).toBe(200);
    expect(resumed.body.arms[1].paused).toBe(false);
    const notCandidate = await analyst.post(`/api/experiments/${id}/arms/as-is/pause`).send({});
    expect(notCandidate.status).toBe(422);
    expect(notCandidate.body).toMatchObject({ code: 'EXPERIMENT_ARM_NOT_CANDIDATE' });
    const actions = ((await analyst.get(`/api/experiments/${id}/events`).expect(200)).body as Array<{ action: string }>).map((event) => event.action);
    expect(actions.slice(-2)).toEqual(['guardrailPause', 'armResume']);
  });

  it('offers to move the running cases to the promoted winner, as a dry run first', async () => {
    // given a running experiment with open cases on both arms
    const key = 'analysis-promote';
    const versions = await deployPair(key);
    const id = await createExperiment(definition(key, versions));
    await start(id);
    const cases = await startCases(key, 12);
    const onBaseline = byArm(cases, 'as-is');

    // when nobody has won yet, there is nothing to offer
    const early = await designer.post(`/api/experiments/${id}/migrate-running`).send({});
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'EXPERIMENT_NOT_PROMOTED', details: { state: 'running' } });

    // when the candidate is promoted and the dry run asked for
    await analyst.post(`/api/experiments/${id}/promote`).send({ winnerArmId: 'to-be' }).expect(200);
    const dryRun = await designer.post(`/api/experiments/${id}/migrate-running`).send({});

    // then every baseline case could move, and none did
    expect(dryRun.status).toBe(200);
    expect(dryRun.body).toMatchObject({ winnerArmId: 'to-be', dryRun: true });
    expect(dryRun.body.arms).toEqual([
      expect.objectContaining({ armId: 'as-is', sourceProcessVersionId: versions.baseline, targetProcessVersionId: versions.candidate, migrated: onBaseline.length, failed: 0 }),
    ]);
    expect(dryRun.body.arms[0].results.every((result: { status: string }) => result.status === 'wouldMigrate')).toBe(true);
    const versionOf = async (instanceId: string) => (await request(sut.server).get(`/api/instances/${instanceId}`).expect(200)).body.processVersionId;
    expect(await versionOf(onBaseline[0].id)).toBe(versions.baseline);

    // and a mapping naming unknown elements is refused, nothing moved
    const wrongMapping = await designer.post(`/api/experiments/${id}/migrate-running`).send({ dryRun: false, mapping: { nowhere: 'diagnose' } });
    expect(wrongMapping.status).toBe(422);
    expect(JSON.stringify(wrongMapping.body)).toContain('nowhere');
    expect(await versionOf(onBaseline[0].id)).toBe(versions.baseline);

    // when the real run is asked for, the baseline's cases move to the winner's version, their tasks with them
    const moved = await designer.post(`/api/experiments/${id}/migrate-running`).send({ dryRun: false });
    expect(moved.status).toBe(200);
    expect(moved.body.arms[0]).toMatchObject({ dryRun: false, migrated: onBaseline.length, failed: 0 });
    for (const { id: instanceId } of onBaseline) expect(await versionOf(instanceId)).toBe(versions.candidate);
  });

  it('routes only between its start and end dates, and shows a routed case its arm', async () => {
    // given an experiment that starts routing tomorrow and ends the day after
    const key = 'analysis-window';
    const versions = await deployPair(key);
    const now = sut.clock.now().getTime();
    const id = await createExperiment(definition(key, versions, { startsAt: new Date(now + 24 * HOUR).toISOString(), endsAt: new Date(now + 48 * HOUR).toISOString() }));
    await start(id);

    // when cases start before the window, in it and after it
    const before = await startCases(key, 6);
    sut.clock.advance(25 * HOUR);
    const during = await startCases(key, 6);
    sut.clock.advance(24 * HOUR);
    const after = await startCases(key, 6);

    // then only the cases in the window are routed and recorded; the others start on the baseline
    for (const c of [...before, ...after]) {
      expect(c.assignment).toBeUndefined();
      expect(c.processVersionId).toBe(versions.baseline);
    }
    expect(during.every((c) => c.assignment.reason === 'weight')).toBe(true);
    const assignments = await analyst.get(`/api/experiments/${id}/assignments`).expect(200);
    expect(assignments.body).toHaveLength(6);

    // and a routed case shows its arm, an unrouted one none
    const routed = (await request(sut.server).get(`/api/instances/${during[0].id}`).expect(200)).body;
    expect(routed.assignment).toMatchObject({ experimentId: id, armId: during[0].assignment.armId, reason: 'weight' });
    const unrouted = (await request(sut.server).get(`/api/instances/${before[0].id}`).expect(200)).body;
    expect(unrouted.assignment).toBeUndefined();
  });

  it('gives, from the case facts, the analysis the ledger scan gave, for every experiment above', async () => {
    // given the experiments the tests above ran (draft ones have nothing to analyse)
    const experiments = (await analyst.get('/api/experiments').expect(200)).body as Array<{ id: string; state: string }>;
    const started = experiments.filter(({ state }) => state !== 'draft');
    expect(started.length).toBeGreaterThanOrEqual(3);
    for (const { id } of started) {
      // when both compute at the same instant
      const fromFacts = (await analyst.get(`/api/experiments/${id}/analysis`).expect(200)).body;
      const fromLedger = await ledgerAnalysis(sut.app, id, sut.clock.now().getTime());
      // then the same analysis, verdict and data hash included
      const { simulatedCases: _simulated, ...analysis } = fromFacts;
      expect(analysis).toEqual(JSON.parse(JSON.stringify(fromLedger)));
    }
  });

  it('checks guardrails from running sums of the cases ended since the last look, as the analysis judges them', async () => {
    // given a running experiment guarded on lead time and escalations, with ended cases on both arms
    const key = 'analysis-guardrail-sums';
    const versions = await deployPair(key);
    // (the facts read are watched from the start: the monitor's background loop may check the experiment too)
    const reads = jest.spyOn(sut.app.get(CaseFactRepository), 'endedArmFacts');
    const id = await createExperiment(
      definition(key, versions, {
        guardrails: [
          { id: 'slower', metric: 'leadTime', maxWorsening: 0.5 },
          { id: 'escalations', metric: 'escalationRate', maxWorsening: 0.1 },
        ],
      }),
    );
    await start(id);
    const first = await startCases(key, 30);
    sut.clock.advance(23 * HOUR + 30 * 60_000);
    await work(first);
    const monitor = sut.app.get(GuardrailMonitor);
    const experiments = sut.app.get(ExperimentRepository);
    const checkedNow = async () => {
      const record = (await experiments.findById(id))!;
      return { checks: await monitor.guardrailChecks(record), analysis: (await analyst.get(`/api/experiments/${id}/analysis`).expect(200)).body };
    };

    // when checked late on the first day, and again after more cases ended early on the second (within the hour the sums are kept before a rebuild)
    const before = await checkedNow();
    sut.clock.advance(40 * 60_000);
    const second = await startCases(key, 20);
    await work(second);
    const after = await checkedNow();

    // then each check is the analysis's guardrails (to rounding: the sums are added in another order)
    for (const { checks, analysis } of [before, after]) {
      const analysed = analysis.candidates[0].guardrails as typeof checks;
      expect(checks.map(({ z, boundary, observed, ...rest }) => rest)).toEqual(analysed.map(({ z, boundary, observed, ...rest }) => rest));
      checks.forEach((check, i) => {
        for (const field of ['z', 'boundary', 'observed'] as const) {
          const [mine, theirs] = [check[field], analysed[i][field]];
          if (typeof mine === 'number' && typeof theirs === 'number') expect(Math.abs(mine - theirs)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(theirs)));
          else expect(mine).toEqual(theirs);
        }
      });
    }
    // and the first check read every ended fact, the last only those past the highest step seen (less a margin), and saw the new cases (a second look)
    const ownReads = reads.mock.calls.filter(([experimentId]) => experimentId === id).map(([, afterSeq]) => afterSeq);
    expect(ownReads[0]).toBe(-1);
    expect(ownReads[ownReads.length - 1]).not.toBe(-1);
    expect(after.checks[0].looks).toBeGreaterThan(before.checks[0].looks);
    reads.mockRestore();
  });
});
