import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { CallActivityReconciler } from '../../apps/engine/src/call-activities/call-activity-reconciler.service.js';
import { createTestApp, deploy, fixture, type TestApp } from './support/test-app.js';

const MINUTE = 60_000;

/** The lease after which a failed call activity follow-up is tried again (DEFAULT_APP_CONFIG.jobLeaseMs). */
const LEASE_MS = 30_000;

interface LockedTask {
  id: string;
  instanceId: string;
  elementId: string;
  topic: string;
  variables: Record<string, unknown>;
}

interface Instance {
  id: string;
  status: string;
  activeElementIds: string[];
  variables: Record<string, unknown>;
  incidents?: Array<{ elementId: string; message: string; resolvedAt: string | null }>;
}

/**
 * Issue 23, point 2: zeebe:calledElement, zeebe:calledDecision and zeebe:script in models written
 * the way Camunda Modeler 5.x writes them for Camunda 8, deployed and run to their end over HTTP.
 */
describe('Camunda 8 called elements, decisions and scripts', () => {
  let sut: TestApp;
  let reconciler: CallActivityReconciler;

  beforeAll(async () => {
    // Background polls only at start: a test runs each retry round of call activity follow-ups itself.
    sut = await createTestApp({ jobPollMs: 3_600_000 });
    reconciler = sut.app.get(CallActivityReconciler);
  });

  afterAll(async () => {
    await sut?.close();
  });

  const http = () => request(sut.server);
  const get = async (id: string): Promise<Instance> => (await http().get(`/api/instances/${id}`).expect(200)).body as Instance;
  const deployXml = (xml: string) => http().post('/api/deployments').set('Content-Type', 'application/xml').send(xml);

  /** Deploys a broken model and expects a 422 whose one error names the element and says the text, with no version of the key stored. */
  const expectRefused = async (xml: string, key: string, elementId: string, text: string) => {
    const response = await deployXml(xml);
    expect(response.status).toBe(422);
    const errors = (response.body.details.problems as Array<{ severity: string }>).filter(({ severity }) => severity === 'error');
    expect(errors).toEqual([expect.objectContaining({ elementId, message: expect.stringContaining(text) })]);
    expect((await http().get('/api/process-versions').query({ key }).expect(200)).body).toEqual([]);
  };

  /** The instances of a process started for a case, newest last. */
  const instancesOf = async (processKey: string): Promise<Instance[]> =>
    Promise.all(((await http().get('/api/instances').query({ processKey }).expect(200)).body as Array<{ id: string }>).map(({ id }) => get(id)));

  /** Fetches and locks the one open job of the type, for the instance when given. */
  const fetchJob = async (topic: string, instanceId?: string): Promise<LockedTask> => {
    const fetched = await http()
      .post('/api/external-tasks/fetch-and-lock')
      .send({ workerId: `${topic}-worker`, maxTasks: 10, topics: [{ name: topic, lockDurationMs: 5 * MINUTE }] })
      .expect(200);
    const tasks = (fetched.body as LockedTask[]).filter((task) => instanceId === undefined || task.instanceId === instanceId);
    expect(tasks).toHaveLength(1);
    return tasks[0]!;
  };

  const complete = (task: LockedTask, variables: Record<string, unknown> = {}) =>
    http()
      .post(`/api/external-tasks/${task.id}/complete`)
      .send({ workerId: `${task.topic}-worker`, variables })
      .expect(200);

  describe('zeebe:calledElement', () => {
    beforeAll(async () => {
      for (const name of ['claim-intake', 'claim-review-called', 'notify-email']) await deploy(sut.server, await fixture(`camunda-8/${name}.bpmn`));
    });

    it('calls processId (static or = FEEL), passes the parent variables down and hands the child variables back as propagateAll* say', async () => {
      // given a case whose channel names the notification process
      const started = await http()
        .post('/api/processes/claim-intake/instances')
        .send({ variables: { claim: { id: 'C-1', amount: 1200 }, channel: 'email' } })
        .expect(201);
      const parentId = started.body.id as string;

      // then the review (propagateAllParentVariables="false") sees only its input mapping
      const [review] = await instancesOf('claim-review');
      const reviewJob = await fetchJob('review-claim', review!.id);
      expect(reviewJob.variables).toEqual({ amount: 1200 });

      // when the reviewer answers, only the output mapping comes back (propagateAllChildVariables="false")
      await complete(reviewJob, { verdict: 'approve', reviewerNote: 'receipts checked' });
      const afterReview = await get(parentId);
      expect(afterReview.variables).toEqual({ claim: { id: 'C-1', amount: 1200 }, channel: 'email', assessment: 'approve' });

      // then the FEEL processId called notify-email with every parent variable (the default)
      expect(afterReview.activeElementIds).toEqual(['Activity_NotifyCustomer']);
      const [notify] = await instancesOf('notify-email');
      const emailJob = await fetchJob('send-email', notify!.id);
      expect(emailJob.variables).toMatchObject({ claim: { id: 'C-1', amount: 1200 }, channel: 'email', assessment: 'approve' });

      // when the e-mail is sent, every child variable comes back (the default) and the case ends
      await complete(emailJob, { sentTo: 'ada@example.com' });
      const ended = await get(parentId);
      expect(ended.status).toBe('completed');
      expect(ended.variables).toMatchObject({ assessment: 'approve', sentTo: 'ada@example.com' });
      expect(ended.variables).not.toHaveProperty('verdict');
      expect(ended.variables).not.toHaveProperty('reviewerNote');
    });

    it('raises an incident naming the call activity when processId names no deployed process, and goes on once it is deployed', async () => {
      // given a case whose channel names a process nobody deployed
      const started = await http()
        .post('/api/processes/claim-intake/instances')
        .send({ variables: { claim: { id: 'C-2', amount: 80 }, channel: 'pigeon' } })
        .expect(201);
      const parentId = started.body.id as string;
      const reviews = await instancesOf('claim-review');
      const review = reviews.find((instance) => instance.status === 'active')!;

      // when the review ends, reporting it to the parent fails, and so do two more rounds a lease apart
      await complete(await fetchJob('review-claim', review.id), { verdict: 'reject' });
      for (const _round of [2, 3]) {
        sut.clock.advance(LEASE_MS + 1);
        expect(await reconciler.runDue()).toBe(1);
      }

      // then an incident on the call activity whose completion could not go on names the next call activity and the missing process, and the parent waits unchanged
      const failed = await get(parentId);
      expect(failed.activeElementIds).toEqual(['Activity_AssessClaim']);
      expect(failed.incidents).toEqual([
        expect.objectContaining({
          elementId: 'Activity_AssessClaim',
          resolvedAt: null,
          message: expect.stringMatching(/CALLED_PROCESS_NOT_FOUND.*Activity_NotifyCustomer.*notify-pigeon/),
        }),
      ]);

      // when the process is deployed and the lease passes, the case goes on to it
      await deploy(sut.server, (await fixture('camunda-8/notify-email.bpmn')).replaceAll('notify-email', 'notify-pigeon'));
      sut.clock.advance(LEASE_MS + 1);
      expect(await reconciler.runDue()).toBe(1);
      const resumed = await get(parentId);
      expect(resumed.activeElementIds).toEqual(['Activity_NotifyCustomer']);
      expect(resumed.variables).toMatchObject({ assessment: 'reject' });
      expect(resumed.incidents).toEqual([expect.objectContaining({ resolvedAt: expect.any(String) })]);
    });

    it('refuses a processId after = that does not parse with 422 naming the element and the attribute, storing nothing', async () => {
      // given the model with a broken processId and its own key
      const broken = (await fixture('camunda-8/claim-intake.bpmn'))
        .replace('processId="=&#34;notify-&#34; + channel"', 'processId="=&#34;notify-&#34; +"')
        .replaceAll('claim-intake', 'claim-broken');

      // when deployed; then
      await expectRefused(broken, 'claim-broken', 'Activity_NotifyCustomer', 'zeebe:calledElement processId');
    });
  });

  describe('zeebe:calledDecision', () => {
    beforeAll(async () => {
      // given the model and its two decisions, uploaded together as Camunda Modeler saved them
      const uploaded = await http()
        .post('/api/deployments')
        .attach('file', Buffer.from(await fixture('camunda-8/claim-decision.bpmn')), 'claim-decision.bpmn')
        .attach('file', Buffer.from(await fixture('camunda-8/claim-approval.dmn')), 'claim-approval.dmn')
        .attach('file', Buffer.from(await fixture('camunda-8/claim-route-eu.dmn')), 'claim-route-eu.dmn');
      expect(uploaded.status).toBe(201);
      expect(uploaded.body.decisions).toEqual([expect.objectContaining({ key: 'claim-approval' }), expect.objectContaining({ key: 'claim-route-eu' })]);
    });

    it('evaluates the decision named by decisionId (static or = FEEL) and stores its result in resultVariable, running to the end', async () => {
      // when a case starts
      const started = await http()
        .post('/api/processes/claim-decision/instances')
        .send({ variables: { claim: { amount: 400 }, region: 'eu' } })
        .expect(201);

      // then both decisions ran and the case ended
      const ended = await get(started.body.id as string);
      expect(ended.status).toBe('completed');
      expect(ended.variables).toEqual({ claim: { amount: 400 }, region: 'eu', approval: 'auto', route: 'payments-eu' });
    });

    it('refuses a case whose decisionId expression names no deployed decision, naming the task, and stores nothing', async () => {
      // when a case starts in a region with no routing decision
      const response = await http()
        .post('/api/processes/claim-decision/instances')
        .send({ variables: { claim: { amount: 400 }, region: 'us', marker: 'no-decision' } });

      // then
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'DECISION_NOT_FOUND', details: expect.objectContaining({ elementId: 'Activity_DecideRoute' }) });
      expect(response.body.message).toContain('claim-route-us');
      const stored = await instancesOf('claim-decision');
      expect(stored.filter(({ variables }) => variables.marker === 'no-decision')).toEqual([]);
    });

    it('makes a business-rule task with zeebe:taskDefinition a job of its type, deployed without any decision, running to the end', async () => {
      // given the model deployed as drawn
      const deployed = await deployXml(await fixture('camunda-8/claim-scoring.bpmn'));
      expect(deployed.status).toBe(201);
      expect(deployed.body.warnings).not.toContainEqual(expect.objectContaining({ rule: 'decision-deployed' }));

      // when a case starts and the worker scores it
      const started = await http()
        .post('/api/processes/claim-scoring/instances')
        .send({ variables: { claim: { amount: 50 } } })
        .expect(201);
      const job = await fetchJob('score-claim', started.body.id as string);
      expect(job).toMatchObject({ elementId: 'Activity_ScoreClaim', retries: 2 });
      await complete(job, { score: 7 });

      // then the case ended with the worker's result
      const ended = await get(started.body.id as string);
      expect(ended).toMatchObject({ status: 'completed', variables: { claim: { amount: 50 }, score: 7 } });
    });

    it('refuses a decisionId after = that does not parse with 422 naming the element and the attribute', async () => {
      // given
      const broken = (await fixture('camunda-8/claim-decision.bpmn'))
        .replace('decisionId="=&#34;claim-route-&#34; + region"', 'decisionId="=&#34;claim-route-&#34; +"')
        .replaceAll('claim-decision', 'claim-decision-broken');

      // when deployed; then
      await expectRefused(broken, 'claim-decision-broken', 'Activity_DecideRoute', 'zeebe:calledDecision decisionId');
    });
  });

  describe('zeebe:script', () => {
    let drawn: string;

    beforeAll(async () => {
      drawn = await fixture('camunda-8/claim-payout.bpmn');
      await deploy(sut.server, drawn);
    });

    it('evaluates the expression into resultVariable, and a script task with zeebe:taskDefinition waits for its job worker, running to the end', async () => {
      // when a case starts
      const started = await http()
        .post('/api/processes/claim-payout/instances')
        .send({ variables: { claim: { amount: 1000 }, deductibleShare: 0.1 } })
        .expect(201);
      const instanceId = started.body.id as string;

      // then the script ran, and the job script task waits for a worker that sees its result
      const archive = await fetchJob('archive-claim', instanceId);
      expect(archive).toMatchObject({ elementId: 'Activity_ArchiveClaim', retries: 2 });
      expect(archive.variables).toMatchObject({ payout: 900 });

      // when the worker completes it, the case ends
      await complete(archive, { archivedAs: 'A-77' });
      const ended = await get(instanceId);
      expect(ended.status).toBe('completed');
      expect(ended.variables).toEqual({ claim: { amount: 1000 }, deductibleShare: 0.1, payout: 900, archivedAs: 'A-77' });
    });

    it.each([
      ['without resultVariable', (xml: string) => xml.replace(' resultVariable="payout"', ''), 'zeebe:script resultVariable'],
      [
        'whose expression after = does not parse',
        (xml: string) => xml.replace('expression="=claim.amount * (1 - deductibleShare)"', 'expression="=claim.amount * (1 -"'),
        'zeebe:script expression',
      ],
    ])('refuses a zeebe:script %s with 422 naming the element and the attribute, storing nothing', async (_case, breakIt, attribute) => {
      // given the model broken, under its own key
      const broken = breakIt(drawn).replaceAll('claim-payout', 'claim-payout-broken');

      // when deployed; then
      await expectRefused(broken, 'claim-payout-broken', 'Activity_ComputePayout', attribute);
    });
  });

  describe('zeebe:versionTag and zeebe:linkedResources', () => {
    let drawn: string;

    beforeAll(async () => {
      drawn = await fixture('camunda-8/claim-archive.bpmn');
    });

    it("tags the new version with the process's zeebe:versionTag unless the deployment names a tag, and runs it to the end", async () => {
      // when the model is deployed as drawn, and an edited copy with a tag of the deployment's own
      const deployed = await deployXml(drawn);
      const overridden = await http()
        .post('/api/deployments')
        .query({ tag: 'pilot north' })
        .set('Content-Type', 'application/xml')
        .send(drawn.replace('name="Archive documents"', 'name="Archive all documents"'));

      // then the first version shows the model's tag, the second the deployment's
      expect(deployed.status).toBe(201);
      expect(deployed.body.processVersions).toEqual([expect.objectContaining({ key: 'claim-archive', version: 1, tag: 'v2.1' })]);
      expect(overridden.body.processVersions).toEqual([expect.objectContaining({ key: 'claim-archive', version: 2, tag: 'pilot north' })]);
      const listed = (await http().get('/api/process-versions').query({ key: 'claim-archive' }).expect(200)).body as Array<{ version: number; tag: string | null }>;
      expect(listed.map(({ version, tag }) => ({ version, tag })).sort((a, b) => a.version - b.version)).toEqual([
        { version: 1, tag: 'v2.1' },
        { version: 2, tag: 'pilot north' },
      ]);

      // and a case runs to its end
      const started = await http().post('/api/processes/claim-archive/instances').send({}).expect(201);
      await complete(await fetchJob('archive-documents', started.body.id as string));
      expect((await get(started.body.id as string)).status).toBe('completed');
    });

    it('calls the newest version carrying the tag a zeebe:calledElement binds by versionTag, and refuses a tag no version carries', async () => {
      // given version 1 of the called process tagged v2.1 by its model, and a newer version 2 tagged otherwise
      const called = drawn.replaceAll('claim-archive', 'claim-archive-bound');
      await deployXml(called).expect(201);
      await http()
        .post('/api/deployments')
        .query({ tag: 'next' })
        .set('Content-Type', 'application/xml')
        .send(called.replace('name="Archive documents"', 'name="Archive more"'))
        .expect(201);
      const parentXml = await fixture('camunda-8/archive-request.bpmn');
      await deploy(sut.server, parentXml);

      // when a case starts
      const started = await http().post('/api/processes/archive-request/instances').send({}).expect(201);

      // then version 1 runs, and the case ends with it
      const [child] = (await http().get('/api/instances').query({ processKey: 'claim-archive-bound' }).expect(200)).body as Array<{ id: string; version: number }>;
      expect(child).toMatchObject({ version: 1 });
      await complete(await fetchJob('archive-documents', child!.id));
      expect((await get(started.body.id as string)).status).toBe('completed');

      // when a model binds to a tag no version carries, a case reaching it is refused naming the call activity and the tag
      await deploy(sut.server, parentXml.replace('versionTag="v2.1"', 'versionTag="v9"').replaceAll('archive-request', 'archive-request-v9'));
      const refused = await http().post('/api/processes/archive-request-v9/instances').send({});
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'CALLED_PROCESS_NOT_FOUND', details: { elementId: 'Activity_Archive', processKey: 'claim-archive-bound', versionTag: 'v9' } });
      expect(refused.body.message).toContain("tagged 'v9'");
    });

    it('refuses zeebe:linkedResources with 422 naming the element, storing nothing', async () => {
      // given the job with a linked RPA script, as Camunda Modeler writes it, under its own key
      const linked = drawn
        .replace(
          '<zeebe:taskDefinition type="archive-documents" />',
          '<zeebe:taskDefinition type="archive-documents" />\n        <zeebe:linkedResources>\n          <zeebe:linkedResource resourceId="archive-robot" resourceType="RPA" linkName="RPAScript" />\n        </zeebe:linkedResources>',
        )
        .replaceAll('claim-archive', 'claim-archive-linked');

      // when deployed; then
      await expectRefused(linked, 'claim-archive-linked', 'Activity_ArchiveDocuments', 'zeebe:linkedResources');
    });
  });
});
