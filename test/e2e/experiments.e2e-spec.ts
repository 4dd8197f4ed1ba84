import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request, { type Agent } from 'supertest';
import { sampleRatioCheck } from '#experiments';
import { createTestApp, deploy, type TestApp } from './support/test-app.js';

const DAY = 86_400_000;

/** Version 1 (the as-is baseline) waits in a user task; version 2 (the to-be candidate) ends at once, so counts tell them apart. */
const baselineXml = (key: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d-${key}-1" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="${key}" isExecutable="true">
    <bpmn:startEvent id="received"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="handle" name="Handle the case"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="done"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="received" targetRef="handle" />
    <bpmn:sequenceFlow id="f2" sourceRef="handle" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>`;

const candidateXml = (key: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d-${key}-2" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="${key}" isExecutable="true">
    <bpmn:startEvent id="received"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:endEvent id="done"><bpmn:incoming>f1</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="received" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>`;

interface Versions {
  baseline: string;
  candidate: string;
}

interface StartAnswer {
  id: string;
  processVersionId: string;
  status: string;
  assignment?: { experimentId: string; armId: string; processVersionId: string; reason: string; unitKey: string; hash?: number; rampStep?: number; candidateShare?: number };
}

const definition = (key: string, versions: Versions, extra: Record<string, unknown> = {}) => ({
  processKey: key,
  seed: 20260105,
  arms: [
    { id: 'as-is', role: 'baseline', processVersionId: versions.baseline, weight: 50 },
    { id: 'to-be', role: 'candidate', processVersionId: versions.candidate, weight: 50 },
  ],
  primaryMetric: 'leadTime',
  secondaryMetrics: ['fcr'],
  plan: { alpha: 0.05, power: 0.8, mde: 0.1, logSd: 0.6 },
  ...extra,
});

describe('dual-track experiments', () => {
  let sut: TestApp;
  let analyst: Agent;

  beforeAll(async () => {
    sut = await createTestApp();
    analyst = await sut.signIn('exp-analyst', { roles: ['analyst'] });
  });

  afterAll(async () => {
    await sut.close();
  });

  const deployPair = async (key: string): Promise<Versions> => ({
    baseline: (await deploy(sut.server, baselineXml(key))).id,
    candidate: (await deploy(sut.server, candidateXml(key))).id,
  });

  const createExperiment = async (body: Record<string, unknown>): Promise<string> => {
    const response = await analyst.post('/api/experiments').send(body);
    expect(response.status).toBe(201);
    return response.body.id as string;
  };

  const startedExperiment = async (body: Record<string, unknown>): Promise<string> => {
    const id = await createExperiment(body);
    const started = await analyst.post(`/api/experiments/${id}/start`).send({ reason: 'pilot' });
    expect(started.status).toBe(200);
    return id;
  };

  const startCase = async (key: string, body: Record<string, unknown> = {}): Promise<StartAnswer> => {
    const response = await request(sut.server).post(`/api/processes/${key}/instances`).send(body);
    expect(response.status).toBe(201);
    return response.body as StartAnswer;
  };

  const startCases = async (key: string, count: number, body: (i: number) => Record<string, unknown> = () => ({})): Promise<StartAnswer[]> => {
    const answers: StartAnswer[] = [];
    for (let i = 0; i < count; i++) answers.push(await startCase(key, body(i)));
    return answers;
  };

  const countBy = (answers: StartAnswer[], armId: string) => answers.filter((answer) => answer.assignment?.armId === armId).length;

  it('routes 200 cases 50/50 by instance, runs each on its arm and stores the assignment with the case', async () => {
    // given a started 50/50 experiment by instance
    const key = 'exp-split';
    const versions = await deployPair(key);
    const id = await startedExperiment(definition(key, versions));

    // when 200 cases start
    const answers = await startCases(key, 200);

    // then each runs on its arm's version, for the reason "weight", and the split passes the sample-ratio check
    for (const answer of answers) {
      expect(answer.assignment).toMatchObject({ experimentId: id, reason: 'weight', unitKey: `instance:${answer.id}` });
      expect(answer.processVersionId).toBe(answer.assignment?.armId === 'as-is' ? versions.baseline : versions.candidate);
    }
    const baseline = countBy(answers, 'as-is');
    const candidate = countBy(answers, 'to-be');
    expect(baseline + candidate).toBe(200);
    // tolerance: within 30 of the expected 100 (about 4 standard deviations), and no sample-ratio mismatch
    expect(Math.abs(baseline - 100)).toBeLessThanOrEqual(30);
    expect(sampleRatioCheck([baseline, candidate], [50, 50]).mismatch).toBe(false);

    // and the experiment shows each arm's cases (the candidate's end at once) and the plan's requirement
    const shown = await analyst.get(`/api/experiments/${id}`);
    expect(shown.status).toBe(200);
    const required = shown.body.requirements.perArm as number;
    expect(required).toBeGreaterThan(0);
    expect(shown.body.arms).toEqual([
      expect.objectContaining({ id: 'as-is', assigned: baseline, running: baseline, finished: 0, required }),
      expect.objectContaining({ id: 'to-be', assigned: candidate, running: 0, finished: candidate, required }),
    ]);

    // and the assignments are listed page by page with their reason and hash
    const page = await analyst.get(`/api/experiments/${id}/assignments?limit=50&offset=50`);
    expect(page.status).toBe(200);
    expect(page.headers['x-total-count']).toBe('200');
    expect(page.body).toHaveLength(50);
    expect(page.body[0]).toEqual(expect.objectContaining({ experimentId: id, reason: 'weight', hash: expect.any(Number), candidateShare: 0.5, instanceId: expect.any(String) }));

    // and Prometheus counts the starts per arm
    const metrics = (await request(sut.anonymousServer).get('/metrics')).text;
    expect(metrics).toContain(`tandem_cases_started_total{process_key="${key}",arm="as-is"} ${baseline}`);
    expect(metrics).toContain(`tandem_cases_started_total{process_key="${key}",arm="to-be"} ${candidate}`);

    // and the event log names each ended case's arm (the candidate's cases end at once)
    const log = await analyst
      .get('/api/analytics/event-log')
      .query({ processKey: key, format: 'xes' })
      .buffer(true)
      .parse((response, done) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => done(null, text));
      });
    expect(log.status).toBe(200);
    expect((log.body as string).match(/<string key="experimentArm" value="to-be"\/>/g)).toHaveLength(candidate);
  });

  it('keeps one customer on one arm with a business-key unit, and the same seed reproduces the arms', async () => {
    // given an experiment whose unit is the business key (the customer)
    const key = 'exp-sticky';
    const versions = await deployPair(key);
    const first = await startedExperiment(definition(key, versions, { unit: { kind: 'businessKey' } }));
    const customers = Array.from({ length: 20 }, (_, i) => `customer-${i}`);

    // when each customer comes three times
    const answers = await startCases(key, 60, (i) => ({ businessKey: customers[i % 20] }));

    // then a customer always meets the same arm, for the reason "sticky"
    const armOf = new Map<string, string>();
    for (const [i, answer] of answers.entries()) {
      expect(answer.assignment).toMatchObject({ reason: 'sticky', unitKey: `businessKey:${customers[i % 20]}` });
      const customer = customers[i % 20];
      if (!armOf.has(customer)) armOf.set(customer, answer.assignment!.armId);
      expect(answer.assignment!.armId).toBe(armOf.get(customer));
    }
    expect(new Set(armOf.values()).size).toBe(2);

    // and a second experiment with the same seed, after the first stopped, assigns every customer the same arm again
    expect((await analyst.post(`/api/experiments/${first}/stop`).send({})).status).toBe(200);
    await startedExperiment(definition(key, versions, { unit: { kind: 'businessKey' } }));
    for (const customer of customers) {
      const again = await startCase(key, { businessKey: customer });
      expect(again.assignment!.armId).toBe(armOf.get(customer));
    }
  });

  it('sends a pilot region to the candidate by a segment rule and hashes the rest', async () => {
    // given a segment rule: region north -> the candidate
    const key = 'exp-segment';
    const versions = await deployPair(key);
    await startedExperiment(definition(key, versions, { segments: [{ variable: 'region', values: ['north'], armId: 'to-be' }] }));

    // when cases of the north and the south start
    const north = await startCases(key, 10, () => ({ variables: { region: 'north' } }));
    const south = await startCases(key, 20, () => ({ variables: { region: 'south' } }));

    // then every north case runs the candidate for the segment rule; south cases are hashed by weight
    for (const answer of north) {
      expect(answer.assignment).toMatchObject({ armId: 'to-be', reason: 'segment' });
      expect(answer.processVersionId).toBe(versions.candidate);
    }
    for (const answer of south) expect(answer.assignment?.reason).toBe('weight');
  });

  it('follows the ramp steps by date on the engine clock', async () => {
    // given a ramp: 10 % from now, 50 % from tomorrow
    const key = 'exp-ramp';
    const versions = await deployPair(key);
    const now = sut.clock.now().getTime();
    const ramp = [
      { from: new Date(now).toISOString(), candidateShare: 0.1 },
      { from: new Date(now + DAY).toISOString(), candidateShare: 0.5 },
    ];
    await startedExperiment(definition(key, versions, { ramp }));

    // when 60 cases start today and 60 tomorrow
    const today = await startCases(key, 60);
    sut.clock.advance(DAY);
    const tomorrow = await startCases(key, 60);

    // then each day's cases are compared with that day's share, and a case meets the candidate exactly when its hash is below it
    for (const [answers, step, share] of [
      [today, 0, 0.1],
      [tomorrow, 1, 0.5],
    ] as const) {
      for (const { assignment } of answers) {
        expect(assignment).toMatchObject({ reason: 'ramp', rampStep: step, candidateShare: share });
        expect(assignment!.armId).toBe(assignment!.hash! < share ? 'to-be' : 'as-is');
      }
    }
    expect(countBy(today, 'to-be')).toBeLessThanOrEqual(15);
    expect(countBy(tomorrow, 'to-be')).toBeGreaterThanOrEqual(15);
  });

  it('pauses to the baseline, resumes, promotes to the winner and logs each change', async () => {
    // given a running experiment
    const key = 'exp-lifecycle';
    const versions = await deployPair(key);
    const id = await startedExperiment(definition(key, versions));

    // when it is paused, new cases go to the baseline
    expect((await analyst.post(`/api/experiments/${id}/pause`).send({ reason: 'complaints' })).body.state).toBe('paused');
    for (const answer of await startCases(key, 10)) {
      expect(answer.assignment).toMatchObject({ armId: 'as-is', reason: 'paused' });
      expect(answer.processVersionId).toBe(versions.baseline);
    }

    // when resumed, they are hashed again
    expect((await analyst.post(`/api/experiments/${id}/resume`).send({})).body.state).toBe('running');
    expect((await startCase(key)).assignment?.reason).toBe('weight');

    // when promoted, all go to the winner
    const promoted = await analyst.post(`/api/experiments/${id}/promote`).send({ winnerArmId: 'to-be' });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ state: 'promoted', winnerArmId: 'to-be' });
    for (const answer of await startCases(key, 10)) {
      expect(answer.assignment).toMatchObject({ armId: 'to-be', reason: 'promoted' });
      expect(answer.processVersionId).toBe(versions.candidate);
    }

    // then a refused transition names the state, and the events tell who did what
    const refused = await analyst.post(`/api/experiments/${id}/pause`).send({});
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'EXPERIMENT_TRANSITION_INVALID', details: { state: 'promoted' } });
    const events = await analyst.get(`/api/experiments/${id}/events`);
    expect(events.body.map((event: { action: string; fromState?: string; toState: string }) => [event.action, event.fromState ?? null, event.toState])).toEqual([
      ['create', null, 'draft'],
      ['start', 'draft', 'running'],
      ['pause', 'running', 'paused'],
      ['resume', 'paused', 'running'],
      ['promote', 'running', 'promoted'],
    ]);
    expect(events.body[2]).toMatchObject({ actor: 'exp-analyst', reason: 'complaints' });
  });

  it('starts the newest version without an assignment once the experiment stopped', async () => {
    // given a stopped experiment whose baseline is the older version
    const key = 'exp-stopped';
    const versions = await deployPair(key);
    const id = await startedExperiment(definition(key, versions));
    await analyst.post(`/api/experiments/${id}/stop`).send({});

    // when a case starts
    const answer = await startCase(key);

    // then it runs the newest version, as without an experiment
    expect(answer.assignment).toBeUndefined();
    expect(answer.processVersionId).toBe(versions.candidate);
  });

  it('routes to the promoted winner only until a newer version of the key is deployed', async () => {
    // given an experiment promoted to the baseline
    const key = 'exp-superseded';
    const versions = await deployPair(key);
    const id = await startedExperiment(definition(key, versions));
    await analyst.post(`/api/experiments/${id}/promote`).send({ winnerArmId: 'as-is' });
    expect((await startCase(key)).processVersionId).toBe(versions.baseline);

    // when a third version is deployed
    const third = await deploy(sut.server, baselineXml(key).replace('name="Handle the case"', 'name="Handle the case, version 3"'));

    // then new cases start on it, outside the experiment
    const answer = await startCase(key);
    expect(answer.processVersionId).toBe(third.id);
    expect(answer.assignment).toBeUndefined();
  });

  it('refuses a second running experiment on a key, naming the one that runs', async () => {
    // given a running experiment and a second draft on the same key
    const key = 'exp-one-running';
    const versions = await deployPair(key);
    const running = await startedExperiment(definition(key, versions));
    const second = await createExperiment(definition(key, versions));

    // when the second starts
    const response = await analyst.post(`/api/experiments/${second}/start`).send({});

    // then 409 names the running one, and the second stays a draft
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ code: 'EXPERIMENT_ALREADY_RUNNING', details: { experimentId: running } });
    expect((await analyst.get(`/api/experiments/${second}`)).body.state).toBe('draft');
    const listed = await analyst.get(`/api/experiments?processKey=${key}&state=running`);
    expect(listed.body.map((experiment: { id: string }) => experiment.id)).toEqual([running]);
  });

  it('answers 422 naming the field for bad weights and for arms that are no version of the key, storing nothing', async () => {
    // given two keys deployed
    const key = 'exp-invalid';
    const versions = await deployPair(key);
    const other = await deployPair('exp-invalid-other');
    const arms = definition(key, versions).arms;

    // when drafts with a negative weight, an unknown version and another key's version are posted
    const badWeight = await analyst.post('/api/experiments').send(definition(key, versions, { arms: [arms[0], { ...arms[1], weight: -1 }] }));
    const unknown = await analyst
      .post('/api/experiments')
      .send(definition(key, versions, { arms: [arms[0], { ...arms[1], processVersionId: '00000000-0000-4000-8000-000000000000' }] }));
    const foreign = await analyst.post('/api/experiments').send(definition(key, versions, { arms: [arms[0], { ...arms[1], processVersionId: other.baseline }] }));

    // then each is 422 naming the arm's field, and no experiment exists for the key
    expect(badWeight.status).toBe(422);
    expect(badWeight.body.code).toBe('EXPERIMENT_INVALID');
    expect(badWeight.body.details.problems).toEqual([expect.objectContaining({ field: 'arms[1].weight', rule: 'positive' })]);
    expect(unknown.status).toBe(422);
    expect(unknown.body.details.problems).toEqual([expect.objectContaining({ field: 'arms[1].processVersionId', rule: 'known-version' })]);
    expect(foreign.status).toBe(422);
    expect(foreign.body.details.problems).toEqual([expect.objectContaining({ field: 'arms[1].processVersionId', rule: 'same-process' })]);
    expect((await analyst.get(`/api/experiments?processKey=${key}`)).body).toEqual([]);
  });

  it('answers 400 naming the property for a part of the wrong type or an unknown field', async () => {
    // given a deployed key
    const key = 'exp-malformed';
    const versions = await deployPair(key);
    const arms = definition(key, versions).arms;

    // when a weight is text and an arm carries a field the model does not know
    const textWeight = await analyst.post('/api/experiments').send(definition(key, versions, { arms: [arms[0], { ...arms[1], weight: 'fifty' }] }));
    const unknownField = await analyst.post('/api/experiments').send(definition(key, versions, { arms: [{ ...arms[0], colour: 'red' }, arms[1]] }));

    // then both are refused naming the property path
    expect(textWeight.status).toBe(400);
    expect(textWeight.body.details.errors).toEqual([expect.stringContaining('arms.1.weight')]);
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.details.errors).toEqual(['arms.0.property colour should not exist']);
  });

  it('replaces a draft, and once running takes only a new plan, bumping the analysis version', async () => {
    // given a draft
    const key = 'exp-edit';
    const versions = await deployPair(key);
    const id = await createExperiment(definition(key, versions));

    // when the draft is replaced, it takes the new definition without a new analysis version
    const edited = await analyst.put(`/api/experiments/${id}`).send(definition(key, versions, { unit: { kind: 'businessKey' } }));
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ unit: { kind: 'businessKey' }, analysisVersion: 1 });

    // when it runs, a new plan bumps the analysis version and is logged
    await analyst.post(`/api/experiments/${id}/start`).send({});
    const newPlan = { alpha: 0.05, power: 0.9, mde: 0.1, logSd: 0.6 };
    const amended = await analyst.put(`/api/experiments/${id}`).send(definition(key, versions, { unit: { kind: 'businessKey' }, plan: newPlan }));
    expect(amended.status).toBe(200);
    expect(amended.body).toMatchObject({ plan: newPlan, analysisVersion: 2, state: 'running' });
    const events = (await analyst.get(`/api/experiments/${id}/events`)).body as Array<{ action: string; details?: unknown }>;
    expect(events.at(-1)).toMatchObject({ action: 'amendPlan', details: { analysisVersion: 2 } });

    // then changing the weights of a running experiment is refused naming the field, and nothing changed
    const refused = await analyst.put(`/api/experiments/${id}`).send(
      definition(key, versions, {
        unit: { kind: 'businessKey' },
        plan: newPlan,
        arms: [{ ...definition(key, versions).arms[0], weight: 90 }, definition(key, versions).arms[1]],
      }),
    );
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'EXPERIMENT_DEFINITION_FIXED', details: { state: 'running', fields: ['arms'] } });
    expect((await analyst.get(`/api/experiments/${id}`)).body.arms[0].weight).toBe(50);
  });
});
