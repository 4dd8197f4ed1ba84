import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request, { type Agent } from 'supertest';
import { createTestApp, deploy, type TestApp } from './support/test-app.js';

/** One task per case, offered to the group the process is named after. */
const offeredTo = (group: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0"
  id="definitions" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="work-for-${group}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="work" name="Work for ${group}" tandem:candidateGroups="${group}" tandem:stage="diagnosis"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

/**
 * GET /api/tasks/count (issue 20): a tab's total, exact up to 50 and "50+" past it, so a queue of
 * 100,000 tasks costs what one of 51 does. The same filters and visibility as the list.
 */
describe('task counts, capped at 50', () => {
  let sut: TestApp;
  let ana: Agent;
  let bo: Agent;
  let complaintCaseId: string;

  beforeAll(async () => {
    sut = await createTestApp();
    await deploy(sut.server, offeredTo('alpha'));
    await deploy(sut.server, offeredTo('beta'));
    ana = await sut.signIn('ana', { roles: ['agent'], groups: ['alpha', 'beta'] });
    bo = await sut.signIn('bo', { roles: ['agent'], groups: ['beta'] });
    // alpha: 50 inquiries and 3 complaints (53, past the cap); beta: 4 inquiries
    const start = async (key: string, category: string) =>
      ((await request(sut.server).post(`/api/processes/${key}/instances`).send({ variables: { category } }).expect(201)).body as { id: string }).id;
    const cases = (times: number, key: string, category: string) => Array.from({ length: times }, () => start(key, category));
    // Started side by side: each case is its own commit.
    await Promise.all([...cases(50, 'work-for-alpha', 'inquiry'), ...cases(4, 'work-for-beta', 'inquiry')]);
    [complaintCaseId] = await Promise.all(cases(3, 'work-for-alpha', 'complaint'));
  });

  afterAll(async () => {
    await sut?.close();
  });

  const count = async (agent: Agent | ReturnType<typeof request>, query: Record<string, string>) => (await agent.get('/api/tasks/count').query(query).expect(200)).body as unknown;
  const listTotal = async (agent: Agent, query: Record<string, string>) => Number((await agent.get('/api/tasks').query(query).expect(200)).headers['x-total-count']);

  it('counts exactly below the cap, the same total the list tells', async () => {
    // given bo, in beta only, with 4 open tasks offered to beta
    // when he counts his groups' queue
    const counted = await count(bo, { view: 'queue' });
    // then the count is exact, and the list agrees
    expect(counted).toEqual({ count: 4, more: false });
    expect(await listTotal(bo, { view: 'queue' })).toBe(4);
  });

  it('stops at 50 past the cap and says there are more', async () => {
    // given ana, in alpha (53 open tasks) and beta (4)
    // when she counts her groups' queue, and an admin every open task
    // then each count is the cap, with more
    expect(await count(ana, { view: 'queue' })).toEqual({ count: 50, more: true });
    expect(await count(request(sut.server), {})).toEqual({ count: 50, more: true });
    // while the list still tells the exact total
    expect(await listTotal(ana, { view: 'queue' })).toBe(57);
  });

  it('counts each group of the caller on its own, and nothing of a group that is not theirs', async () => {
    // given the tasks offered to alpha (53) and beta (4)
    // when ana counts each of her groups, and bo counts alpha's (not his group)
    // then each group has its own count, capped where it is past 50
    expect(await count(ana, { view: 'queue', group: 'alpha' })).toEqual({ count: 50, more: true });
    expect(await count(ana, { view: 'queue', group: 'beta' })).toEqual({ count: 4, more: false });
    expect(await count(bo, { view: 'queue', group: 'alpha' })).toEqual({ count: 0, more: false });
  });

  it('honors the filters: exactly 50 is no "more", a category narrows, a claim moves a task to mine', async () => {
    // given alpha's 50 inquiries and 3 complaints
    // when ana counts by category
    // then exactly 50 is exact (more only past it), and the complaints are 3
    expect(await count(ana, { view: 'queue', group: 'alpha', category: 'inquiry' })).toEqual({ count: 50, more: false });
    expect(await count(ana, { view: 'queue', group: 'alpha', category: 'complaint' })).toEqual({ count: 3, more: false });
    expect(await count(ana, { view: 'queue', stage: 'solution' })).toEqual({ count: 0, more: false });
    // and when she claims a complaint, it leaves the queue's count for hers
    const [complaint] = (await ana.get('/api/tasks').query({ instanceId: complaintCaseId }).expect(200)).body as Array<{ id: string }>;
    await ana.post(`/api/tasks/${complaint.id}/claim`).send({}).expect(200);
    expect(await count(ana, { view: 'queue', group: 'alpha', category: 'complaint' })).toEqual({ count: 2, more: false });
    expect(await count(ana, { view: 'mine' })).toEqual({ count: 1, more: false });
    expect(await count(bo, { view: 'mine' })).toEqual({ count: 0, more: false });
  });

  it('refuses a filter that does not parse, or a page, naming the field', async () => {
    // given an agent
    // when the count is asked with a priority that is no number, or a list's paging
    const badPriority = await ana.get('/api/tasks/count').query({ view: 'queue', priority: 'high' });
    const paged = await ana.get('/api/tasks/count').query({ view: 'queue', limit: '10' });
    const badView = await ana.get('/api/tasks/count').query({ view: 'everything' });
    // then each is a 400 naming what is wrong
    expect({ status: badPriority.status, code: badPriority.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(badPriority.body.message).toContain('priority');
    expect({ status: paged.status, message: paged.body.message }).toEqual({ status: 400, message: expect.stringContaining('limit') });
    expect({ status: badView.status, message: badView.body.message }).toEqual({ status: 400, message: expect.stringContaining('view') });
  });

  it("refuses to count a case's tasks, ended ones included, to an agent with no open work in it", async () => {
    // given a case whose only task is offered to alpha, and bo, who is not in alpha
    // when bo counts its tasks of every status
    const refused = await bo.get('/api/tasks/count').query({ instanceId: complaintCaseId });
    // then he is refused as the list refuses him
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'CASE_ACCESS_ENDED' });
    // while ana, who works in it, counts it
    expect(await count(ana, { instanceId: complaintCaseId })).toEqual({ count: 1, more: false });
  });

  it('lists a page without counting its total when asked total=false, and refuses a total that is no boolean', async () => {
    // given ana's queue of 57 tasks
    // when she lists a page of 10 without its total, and with total=maybe
    const page = await ana.get('/api/tasks').query({ view: 'queue', limit: '10', total: 'false' }).expect(200);
    const refused = await ana.get('/api/tasks').query({ view: 'queue', total: 'maybe' });
    // then the page comes without X-Total-Count
    expect({ rows: (page.body as unknown[]).length, total: page.headers['x-total-count'] }).toEqual({ rows: 10, total: undefined });
    // and the bad value is a 400 naming the field
    expect({ status: refused.status, message: refused.body.message }).toEqual({ status: 400, message: expect.stringContaining('total') });
  });

  it('needs a signed-in agent', async () => {
    // given no credentials
    // when the count is asked
    const anonymous = await request(sut.anonymousServer).get('/api/tasks/count');
    // then it is refused
    expect(anonymous.status).toBe(401);
  });
});
