import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PersistenceScenario } from '../../../../test/e2e/support/persistence-scenario.js';
import type { TaskFilter } from './task.repository.js';

/**
 * The queue query on the real database: six open review tasks of different customers (priority
 * from tier and category), one claimed by anna and one by ben, one with a breached due date.
 */
describe('TaskRepository.list', () => {
  let scenario: PersistenceScenario;
  const ids: Record<string, string> = {};
  const page = { limit: 50, offset: 0 };
  const names = async (filter: Partial<TaskFilter>) => {
    const { items, total } = await scenario.tasks.list({ status: 'open', ...page, ...filter });
    const byId = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
    return { names: items.map((task) => byId[task.id]), total };
  };

  beforeAll(async () => {
    scenario = await PersistenceScenario.open();
    const cases: Array<[string, Record<string, unknown>]> = [
      ['goldComplaint', { customerTier: 'gold', category: 'complaint' }],
      ['goldInquiry', { customerTier: 'gold', category: 'inquiry' }],
      ['complaint', { customerTier: 'standard', category: 'complaint' }],
      ['transaction', { customerTier: 'standard', category: 'transactional' }],
      ['inquiry', { customerTier: 'standard', category: 'inquiry' }],
      ['annas', { category: 'inquiry' }],
      ['bens', { category: 'complaint' }],
    ];
    for (const [name, variables] of cases) {
      scenario.clock.advance(60_000);
      const started = await scenario.start(variables);
      ids[name] = scenario.activity(started, 'review');
      if (name === 'annas' || name === 'bens') {
        await scenario.run(started, { type: 'claimTask', activityInstanceId: ids[name], actor: name === 'annas' ? 'anna' : 'ben' });
      }
    }
    // Due dates and a breach, as a model's dueIn and the breach job would have set them.
    await scenario.dataSource.query(
      `UPDATE task SET due_at = CASE id WHEN $1 THEN '2026-01-05T12:00:00Z'::timestamptz WHEN $2 THEN '2026-01-05T10:00:00Z'::timestamptz END,
                       breached_at = CASE id WHEN $2 THEN '2026-01-05T10:00:00Z'::timestamptz END
       WHERE id IN ($1, $2)`,
      [ids['inquiry'], ids['transaction']],
    );
  });

  afterAll(async () => {
    await scenario?.close();
  });

  it('sorts by priority first and due date second by default: golden-channel customers lead the queue', async () => {
    // when an agent of the first line reads the queue
    const queue = await names({ view: 'queue', candidate: { username: 'carl', groups: ['first-line'] } });
    // then the unassigned tasks come highest priority first
    expect(queue).toEqual({ names: ['goldComplaint', 'goldInquiry', 'complaint', 'transaction', 'inquiry'], total: 5 });
  });

  it('shows mine, the queue of my groups, or both; and nothing offered to groups I am not in', async () => {
    // given anna of the first line
    const anna = { username: 'anna', groups: ['first-line'] };
    // when she reads each view, and a second-line agent reads the queue
    const mine = await names({ view: 'mine', candidate: anna });
    const all = await names({ view: 'all', candidate: anna });
    const otherTier = await names({ view: 'queue', candidate: { username: 'sam', groups: ['second-line'] } });
    // then
    expect(mine).toEqual({ names: ['annas'], total: 1 });
    expect(all.total).toBe(6);
    expect(all.names).not.toContain('bens');
    expect(otherTier).toEqual({ names: [], total: 0 });
  });

  it('filters by minimum priority, category, due date and breach, and counts every match beyond the page', async () => {
    // when
    const urgent = await names({ priority: 70 });
    const complaints = await names({ category: 'complaint', view: 'queue' });
    const dueSoon = await names({ dueBefore: new Date('2026-01-05T11:00:00Z') });
    const breached = await names({ breached: true });
    const firstTwo = await names({ view: 'queue', limit: 2 });
    // then
    expect(urgent.names.sort()).toEqual(['bens', 'complaint', 'goldComplaint', 'goldInquiry']);
    expect(complaints.names).toEqual(['goldComplaint', 'complaint']);
    expect(dueSoon.names).toEqual(['transaction']);
    expect(breached.names).toEqual(['transaction']);
    expect(firstTwo).toEqual({ names: ['goldComplaint', 'goldInquiry'], total: 5 });
  });

  it('sorts by due date (soonest first, undated last) or by creation, either way round', async () => {
    // when
    const byDue = await names({ view: 'queue', sort: 'due' });
    const newestFirst = await names({ view: 'queue', sort: 'created', order: 'desc' });
    // then
    expect(byDue.names).toEqual(['transaction', 'inquiry', 'goldComplaint', 'goldInquiry', 'complaint']);
    expect(newestFirst.names).toEqual(['inquiry', 'transaction', 'complaint', 'goldInquiry', 'goldComplaint']);
  });

  it('carries the process, its version and the business key of the case on each task', async () => {
    // when
    const { items } = await scenario.tasks.list({ status: 'open', ...page, limit: 1 });
    // then
    expect(items[0]).toEqual(
      expect.objectContaining({ processKey: 'review-and-check', processVersionId: scenario.version.id, state: 'ready', priority: 100, category: 'complaint' }),
    );
  });
});
