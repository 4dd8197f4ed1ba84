import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AddressInfo } from 'node:net';
import request, { type Agent } from 'supertest';
import type { TaskEventView } from '#api-types';
import { createTestApp, deploy, type TestApp } from './support/test-app.js';

const TIERED = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0"
  id="definitions" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="pushed" isExecutable="true">
    <bpmn:laneSet id="lanes">
      <bpmn:lane id="Lane_FirstLine" name="First line"><bpmn:flowNodeRef>start</bpmn:flowNodeRef><bpmn:flowNodeRef>triage</bpmn:flowNodeRef></bpmn:lane>
      <bpmn:lane id="Lane_SecondLine" name="Second line"><bpmn:flowNodeRef>diagnose</bpmn:flowNodeRef><bpmn:flowNodeRef>end</bpmn:flowNodeRef></bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="triage" name="Triage" tandem:candidateGroups="first-line"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:userTask id="diagnose" name="Diagnose" tandem:candidateGroups="second-line"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="triage" />
    <bpmn:sequenceFlow id="f2" sourceRef="triage" targetRef="diagnose" />
    <bpmn:sequenceFlow id="f3" sourceRef="diagnose" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

interface Received {
  event: string;
  data: unknown;
}

/** One open event stream, read as it arrives. */
class Stream {
  readonly received: Received[] = [];
  private readonly controller = new AbortController();
  private waiters: Array<() => void> = [];

  static async open(url: string): Promise<Stream> {
    const stream = new Stream();
    const response = await fetch(url, { signal: stream.controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    void stream.read(response.body!);
    return stream;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event !== undefined && data !== undefined) this.received.push({ event, data: JSON.parse(data) });
          for (const wake of this.waiters.splice(0)) wake();
        }
      }
    } catch {
      // aborted
    }
  }

  /** Waits until an event matching `check` has arrived (the test's own timeout bounds the wait). */
  async until(check: (received: Received) => boolean): Promise<Received> {
    for (;;) {
      const found = this.received.find(check);
      if (found) return found;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  tasks(): TaskEventView[] {
    return this.received.filter(({ event }) => event === 'task').map(({ data }) => data as TaskEventView);
  }

  close(): void {
    this.controller.abort();
  }
}

describe('the tasklist event stream (GET /api/tasks/events)', () => {
  let sut: TestApp;
  let base: string;
  let ana: Agent;
  let ada: Agent;
  let ben: Agent;
  let alex: Agent;
  const streams: Stream[] = [];

  const ticketOf = async (agent: Agent): Promise<string> => {
    const response = await agent.post('/api/tasks/events/tickets');
    expect(response.status).toBe(201);
    return (response.body as { ticket: string }).ticket;
  };

  const open = async (agent: Agent): Promise<Stream> => {
    const stream = await Stream.open(`${base}/api/tasks/events?ticket=${encodeURIComponent(await ticketOf(agent))}`);
    streams.push(stream);
    await stream.until(({ event }) => event === 'ready');
    return stream;
  };

  beforeAll(async () => {
    sut = await createTestApp();
    await new Promise<void>((resolve) => sut.anonymousServer.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(sut.anonymousServer.address() as AddressInfo).port}`;
    await deploy(sut.server, TIERED);
    ana = await sut.signIn('push-ana', { roles: ['agent'], groups: ['first-line'] });
    ada = await sut.signIn('push-ada', { roles: ['agent'], groups: ['first-line'] });
    ben = await sut.signIn('push-ben', { roles: ['agent'], groups: ['second-line'] });
    alex = await sut.signIn('push-alex', { roles: ['analyst'] });
  });

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await sut?.close();
  });

  it('tells each agent of the tasks they may see: created, claimed by another, escalated to the next tier, completed', async () => {
    // Given ana and ada (first line) and ben (second line) with the tasklist open
    const anaStream = await open(ana);
    const adaStream = await open(ada);
    const benStream = await open(ben);

    // When a case starts, ada claims its first task and escalates it
    const started = await ana.post('/api/processes/pushed/instances').send({ businessKey: 'push-1' });
    expect(started.status).toBe(201);
    const instanceId = (started.body as { id: string }).id;
    const created = await anaStream.until(({ event, data }) => event === 'task' && (data as TaskEventView).instanceId === instanceId);
    const taskId = (created.data as TaskEventView).taskId;
    expect(created.data).toEqual({ taskId, instanceId, change: 'created', assignee: null, candidateGroups: ['first-line'] });
    expect((await ada.post(`/api/tasks/${taskId}/claim`).send({ start: true })).status).toBe(200);
    expect((await ada.post(`/api/tasks/${taskId}/escalate`).send({ reasonCode: 'needs-expertise' })).status).toBe(200);

    // Then ana hears of the claim by ada and of the escalation; ben hears of the escalated task arriving
    await anaStream.until(({ data }) => (data as TaskEventView).change === 'escalated');
    expect(anaStream.tasks().map(({ change, assignee }) => `${change} ${assignee}`)).toEqual(['created null', 'claimed push-ada', 'escalated null']);
    const arrived = await benStream.until(({ data }) => (data as TaskEventView).taskId === taskId);
    expect(arrived.data).toMatchObject({ change: 'escalated', candidateGroups: ['second-line'] });
    // (ben never heard of the task while it was the first line's)
    expect(benStream.tasks().filter((event) => event.taskId === taskId)).toHaveLength(1);

    // When ben completes it
    expect((await ben.post(`/api/tasks/${taskId}/complete`).send({})).status).toBe(200);
    // Then ben hears it completed, and the next task (second line's Diagnose) created
    await benStream.until(({ data }) => (data as TaskEventView).taskId === taskId && (data as TaskEventView).change === 'completed');
    await benStream.until(({ data }) => (data as TaskEventView).instanceId === instanceId && (data as TaskEventView).change === 'created');
    // and ada, who escalated it away, heard of its escalation but not of the second line's new task
    await adaStream.until(({ data }) => (data as TaskEventView).change === 'escalated');
    expect(adaStream.tasks().some((event) => event.change === 'created' && event.taskId !== taskId)).toBe(false);
  });

  it('refuses a stream without a valid ticket, and a ticket as an access token', async () => {
    // Given no ticket, a made-up one, and ana's access token in the ticket's place
    const none = await request(sut.anonymousServer).get('/api/tasks/events');
    const madeUp = await request(sut.anonymousServer).get('/api/tasks/events').query({ ticket: 'not-a-ticket' });
    const accessToken = (await request(sut.anonymousServer).post('/api/auth/login').send({ username: 'push-ana', password: 'test-user-password' })).body.token as string;
    const tokenAsTicket = await request(sut.anonymousServer).get('/api/tasks/events').query({ ticket: accessToken });
    // Then each is a 401 naming the ticket
    for (const response of [none, madeUp, tokenAsTicket]) {
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('EVENT_TICKET_INVALID');
    }
    // And a ticket does not pass as an access token
    const ticket = await ticketOf(ana);
    const asBearer = await request(sut.anonymousServer).get('/api/tasks').set('Authorization', `Bearer ${ticket}`);
    expect(asBearer.status).toBe(401);
    expect(asBearer.body.code).toBe('AUTHENTICATION_FAILED');
  });

  it('gives no ticket to an API key or a user who is no agent', async () => {
    // Given an API key and an analyst
    const key = ((await request(sut.server).post('/api/api-keys').send({ name: 'push-worker' })).body as { key: string }).key;
    // When they ask for a ticket
    const byKey = await request(sut.anonymousServer).post('/api/tasks/events/tickets').set('X-API-Key', key);
    const byAnalyst = await alex.post('/api/tasks/events/tickets');
    // Then both are refused
    for (const response of [byKey, byAnalyst]) {
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('ACCESS_DENIED');
    }
  });

  it("tells an analyst's insights stream each case that starts and ends, and no agent", async () => {
    // Given alex (analyst) with the insights open
    const ticket = await alex.post('/api/analytics/events/tickets');
    expect(ticket.status).toBe(201);
    const stream = await Stream.open(`${base}/api/analytics/events?ticket=${encodeURIComponent((ticket.body as { ticket: string }).ticket)}`);
    streams.push(stream);
    await stream.until(({ event }) => event === 'ready');
    // When a case starts and is worked to its end
    const started = await ana.post('/api/processes/pushed/instances').send({ businessKey: 'push-counted' });
    const { id: instanceId, processVersionId } = started.body as { id: string; processVersionId: string };
    const workOpenTask = async (agent: Agent) => {
      const [task] = (await agent.get('/api/tasks').query({ instanceId, status: 'open' })).body as Array<{ id: string }>;
      expect((await agent.post(`/api/tasks/${task!.id}/claim`).send({ start: true })).status).toBe(200);
      expect((await agent.post(`/api/tasks/${task!.id}/complete`).send({})).status).toBe(200);
    };
    await workOpenTask(ana);
    await workOpenTask(ben);
    // Then the stream told its start and its end, naming the version
    const changes = async (change: string) =>
      (
        await stream.until(
          ({ event, data }) =>
            event === 'cases' && (data as { changes: Array<{ instanceId: string; change: string }> }).changes.some((c) => c.instanceId === instanceId && c.change === change),
        )
      ).data as { changes: unknown[] };
    expect((await changes('started')).changes).toContainEqual({ instanceId, processVersionId, change: 'started' });
    expect((await changes('ended')).changes).toContainEqual({ instanceId, processVersionId, change: 'ended' });
    // and no task event reached it
    expect(stream.tasks()).toEqual([]);

    // When an agent asks for an insights ticket, or opens the insights stream with a tasklist ticket
    const agentTicket = await ana.post('/api/analytics/events/tickets');
    const agentStream = await request(sut.anonymousServer)
      .get('/api/analytics/events')
      .query({ ticket: await ticketOf(ana) });
    // Then both are refused
    for (const response of [agentTicket, agentStream]) {
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('ACCESS_DENIED');
    }
  });
});
