import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PersistenceScenario } from '../../../../test/e2e/support/persistence-scenario.js';
import { PERSISTENCE_ERRORS } from '../persistence-errors.js';

describe('InstanceRepository', () => {
  let scenario: PersistenceScenario;

  beforeAll(async () => {
    scenario = await PersistenceScenario.open();
  });

  afterAll(async () => {
    await scenario?.close();
  });

  it('writes a started instance with its task, timer job, step events and variables in one commit', async () => {
    // when an instance starts and waits at the review
    const started = await scenario.start({ category: 'warranty', amount: 800 });
    // then its state is stored at revision 1 with the query-side rows beside it
    const id = started.state.id;
    expect(await scenario.instances.load(id)).toEqual({ state: started.state, revision: 1 });
    expect(await scenario.tasks.findById(scenario.activity(started, 'review'))).toEqual(
      expect.objectContaining({ instanceId: id, elementId: 'review', candidateGroups: ['first-line'], status: 'open' }),
    );
    expect(await scenario.count('job', 'instance_id = $1', [id])).toBe(1);
    // start ready + completed, review ready
    expect(await scenario.count('step_event', 'instance_id = $1', [id])).toBe(3);
    const variables = await scenario.dataSource.query(`SELECT name, value FROM variable WHERE instance_id = $1 ORDER BY name`, [id]);
    expect(variables).toEqual([
      { name: 'amount', value: 800 },
      { name: 'category', value: 'warranty' },
    ]);
  });

  it('refuses a result computed from a stale revision and writes none of it', async () => {
    // given two commands loaded the same revision, and the first one committed
    const started = await scenario.start();
    const review = scenario.activity(started, 'review');
    await scenario.run(started, { type: 'completeTask', activityInstanceId: review, actor: 'anna' });
    const stepsBefore = await scenario.count('step_event', 'instance_id = $1', [started.state.id]);
    // when the second one commits on the revision it loaded
    const stale = scenario.run(started, { type: 'claimTask', activityInstanceId: review, actor: 'ben' });
    // then it is a revision conflict, and neither the ledger nor the task changed
    await expect(stale).rejects.toMatchObject({ code: PERSISTENCE_ERRORS.revisionConflict });
    expect(await scenario.count('step_event', 'instance_id = $1', [started.state.id])).toBe(stepsBefore);
    expect(await scenario.tasks.findById(review)).toEqual(expect.objectContaining({ status: 'completed', assignee: null }));
    expect((await scenario.reload(started.state.id)).revision).toBe(2);
  });

  it('closes the task, drops the boundary timer job and opens the external task when the review completes', async () => {
    // given an instance waiting at the review with its timer job
    const started = await scenario.start();
    const review = scenario.activity(started, 'review');
    // when the review is completed with a new variable
    scenario.clock.advance(60_000);
    const after = await scenario.run(started, {
      type: 'completeTask',
      activityInstanceId: review,
      actor: 'anna',
      variables: { approved: true },
    });
    // then the rows follow the state
    const id = started.state.id;
    expect(await scenario.tasks.findById(review)).toEqual(expect.objectContaining({ status: 'completed', completedAt: scenario.clock.now() }));
    expect(await scenario.count('job', 'instance_id = $1', [id])).toBe(0);
    const check = scenario.activity(after, 'check');
    expect(await scenario.externalTasks.findById(check)).toEqual(expect.objectContaining({ topic: 'check', retries: 2, status: 'open', workerId: null }));
    expect(await scenario.count('variable', 'instance_id = $1 AND name = $2', [id, 'approved'])).toBe(1);
  });

  it('folds the step events of each activity instance into one ledger row, in order', async () => {
    // given a review picked up (claimed and started) a minute after it was ready and completed a minute later
    const started = await scenario.start();
    const review = scenario.activity(started, 'review');
    scenario.clock.advance(60_000);
    const claimed = await scenario.run(started, { type: 'claimTask', activityInstanceId: review, actor: 'anna', start: true });
    scenario.clock.advance(60_000);
    await scenario.run(claimed, { type: 'completeTask', activityInstanceId: review, actor: 'anna' });
    // when the ledger is read
    const ledger = await scenario.instances.findSteps(started.state.id);
    // then there is one row per activity instance with each moment of its life
    expect(ledger.map((row) => row.elementId)).toEqual(['start', 'review', 'check']);
    const reviewRow = ledger[1];
    const ready = Date.parse(started.state.startedAt);
    expect(reviewRow).toEqual(
      expect.objectContaining({
        activityInstanceId: review,
        elementType: 'userTask',
        actor: 'anna',
        previousActivityInstanceId: ledger[0].activityInstanceId,
        canceledAt: null,
      }),
    );
    expect([reviewRow.readyAt, reviewRow.claimedAt, reviewRow.startedAt, reviewRow.completedAt].map((at) => at!.getTime() - ready)).toEqual([0, 60_000, 60_000, 120_000]);
  });

  it('lists instances by filter with the total count', async () => {
    // given instances of two business keys
    await scenario.start({}, 'other');
    await Promise.all([1, 2, 3].map(() => scenario.start({}, 'listed')));
    // when the second page of one per page is asked for
    const page = await scenario.instances.list({ businessKey: 'listed', limit: 1, offset: 1 });
    // then one of the three comes back, with the total
    expect(page.items).toHaveLength(1);
    expect(page.total).toBe(3);
    expect((await scenario.instances.list({ businessKey: 'listed', limit: 10, offset: 5 })).total).toBe(3);
  });
});
