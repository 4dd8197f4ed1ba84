import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadBpmn } from '#bpmn';
import { migrateInstance, type EngineResult, type InstanceState } from '#engine';
import { PersistenceScenario, REVIEW_AND_CHECK } from '../../../../test/e2e/support/persistence-scenario.js';
import type { ProcessVersionRecord } from '../process-versions/process-version.repository.js';

/** Version 2 of review-and-check: the review is renamed and sits in a lane, its overdue timer is now 'review-late'. */
const VERSION_2 = REVIEW_AND_CHECK.replace('<bpmn:userTask id="review" name="Review"', '<bpmn:userTask id="review" name="Review the request"')
  .replace(
    '<bpmn:startEvent id="start">',
    '<bpmn:laneSet id="lanes"><bpmn:lane id="first-line"><bpmn:flowNodeRef>review</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet><bpmn:startEvent id="start">',
  )
  .replaceAll('review-overdue', 'review-late');

/** The commit of operator commands: the rows beside the state, and the audit trail written with them. */
describe('InstanceRepository, for instance operations', () => {
  let scenario: PersistenceScenario;
  let version2: ProcessVersionRecord;

  beforeAll(async () => {
    scenario = await PersistenceScenario.open();
    const { processes } = await loadBpmn(VERSION_2);
    const [deployed] = await scenario.versions.deploy({ xml: VERSION_2, graphs: [{ id: randomUUID(), graph: processes[0] }], deployedAt: new Date() });
    version2 = (await scenario.versions.findRunnable(deployed.id))!;
  });

  afterAll(async () => {
    await scenario?.close();
  });

  const jobs = (instanceId: string) => scenario.dataSource.query(`SELECT id, element_id, due_at FROM job WHERE instance_id = $1`, [instanceId]);

  it('drops the jobs of a suspended instance, so its timers wait, and schedules them again on resume', async () => {
    // given an instance with its review's overdue timer scheduled
    const started = await scenario.start();
    const scheduled = await jobs(started.state.id);
    expect(scheduled).toHaveLength(1);

    // when it is suspended, no job is left to fire
    const suspended = await scenario.run(started, { type: 'suspendInstance', actor: 'olga' });
    expect(await jobs(started.state.id)).toEqual([]);

    // and when it is resumed, the same timer is scheduled for the same time
    await scenario.run(suspended, { type: 'resumeInstance', actor: 'olga' });
    expect(await jobs(started.state.id)).toEqual(scheduled);
  });

  it('writes the audit trail in the same statement: who, why, what', async () => {
    // given an instance
    const started = await scenario.start({ amount: 100 });

    // when an operator sets a variable, suspends it, resumes it and cancels it
    const set = await scenario.run(started, { type: 'setVariables', variables: { amount: 250 }, actor: 'olga', reason: 'customer called' });
    const suspended = await scenario.run(set, { type: 'suspendInstance', actor: 'olga', reason: 'fraud check' });
    const resumed = await scenario.run(suspended, { type: 'resumeInstance', actor: 'pete' });
    await scenario.run(resumed, { type: 'cancelInstance', actor: 'pete', reason: 'duplicate' });

    // then the trail lists each, in order
    const trail = await scenario.instances.findAudit(started.state.id);
    expect(trail.map(({ operation, actor, reason, details }) => ({ operation, actor, reason, details }))).toEqual([
      { operation: 'setVariables', actor: 'olga', reason: 'customer called', details: { names: ['amount'] } },
      { operation: 'suspend', actor: 'olga', reason: 'fraud check', details: {} },
      { operation: 'resume', actor: 'pete', reason: null, details: {} },
      { operation: 'cancel', actor: 'pete', reason: 'duplicate', details: {} },
    ]);
    // and the cancel closed the task and dropped the job with the state
    const review = scenario.activity(started, 'review');
    expect(await scenario.tasks.findById(review)).toEqual(expect.objectContaining({ status: 'canceled' }));
    expect(await jobs(started.state.id)).toEqual([]);
  });

  it('writes no audit record when the command loses the race for the revision', async () => {
    // given an instance someone else changed after it was loaded
    const started = await scenario.start();
    await scenario.run(started, { type: 'claimTask', activityInstanceId: scenario.activity(started, 'review'), actor: 'anna' });

    // when a suspension computed from the old revision commits
    await expect(scenario.run(started, { type: 'suspendInstance', actor: 'olga' })).rejects.toMatchObject({ code: 'REVISION_CONFLICT' });

    // then nothing was recorded
    expect(await scenario.instances.findAudit(started.state.id)).toEqual([]);
  });

  it('commits a migration: the instance row, the task row, the renamed timer job, the ledger and the trail', async () => {
    // given an instance whose review was claimed, its overdue timer scheduled
    const started = await scenario.start();
    const review = scenario.activity(started, 'review');
    const claimed = await scenario.run(started, { type: 'claimTask', activityInstanceId: review, actor: 'anna' });
    const [job] = await jobs(started.state.id);

    // when it migrates to version 2, the overdue timer mapped to its new name
    const { result } = migrateInstance(
      claimed.state,
      { source: scenario.version.graph, target: version2.graph, targetProcessVersionId: version2.id, mapping: { 'review-overdue': 'review-late' }, actor: 'lead', reason: 'v2' },
      scenario.ports,
    ) as { result: EngineResult };
    await scenario.instances.commit(result, claimed);

    // then the instance runs on version 2, and the task row follows its element
    const id = started.state.id;
    expect(await scenario.instances.findRunningOn(version2.id, { ids: [id] })).toEqual([id]);
    expect(await scenario.instances.findRunningOn(scenario.version.id, { ids: [id] })).toEqual([]);
    expect(await scenario.tasks.findById(review)).toEqual(
      expect.objectContaining({ elementId: 'review', name: 'Review the request', laneId: 'first-line', assignee: 'anna', status: 'open' }),
    );
    // and the timer's job is the renamed element's, due as before
    expect(await jobs(id)).toEqual([{ id: expect.not.stringMatching(job.id), element_id: 'review-late', due_at: job.due_at }]);
    // and the ledger shows the review once, claimed by anna and migrated
    const ledger = await scenario.instances.findSteps(id);
    expect(ledger.find((row) => row.activityInstanceId === review)).toEqual(
      expect.objectContaining({ elementId: 'review', laneId: 'first-line', actor: 'anna', migratedAt: scenario.clock.now() }),
    );
    expect((await scenario.instances.findAudit(id)).map(({ operation, actor, details }) => ({ operation, actor, details }))).toEqual([
      {
        operation: 'migrate',
        actor: 'lead',
        details: { fromProcessVersionId: scenario.version.id, toProcessVersionId: version2.id, elementIds: { review: 'review', 'review-overdue': 'review-late' } },
      },
    ]);
    const stored: InstanceState = (await scenario.reload(id)).state;
    expect(stored.processVersionId).toBe(version2.id);
  });
});
