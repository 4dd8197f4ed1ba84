import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp, deploy, type TestApp } from './support/test-app.js';
import { changedTables, storedState } from './support/stored-state.js';

/** A process whose script task evaluates the FEEL the test gives it into `result`, then waits at a user task. */
const scripted = (key: string, script: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tandem="https://tandem.dev/schema/bpmn/1.0" id="d" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="${key}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:scriptTask id="compute" scriptFormat="feel" tandem:resultVariable="result"><bpmn:script><![CDATA[${script}]]></bpmn:script></bpmn:scriptTask>
    <bpmn:userTask id="look" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="compute" />
    <bpmn:sequenceFlow id="f2" sourceRef="compute" targetRef="look" />
    <bpmn:sequenceFlow id="f3" sourceRef="look" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

describe('FEEL in a running case: only the variables, and bounded', () => {
  let sut: TestApp;
  const state = () => storedState(sut.app.get(DataSource));

  beforeAll(async () => {
    sut = await createTestApp();
  });

  afterAll(async () => {
    await sut?.close();
  });

  const start = (key: string, variables: unknown) =>
    request(sut.server).post(`/api/processes/${key}/instances`).set('Content-Type', 'application/json').send(JSON.stringify({ variables }));

  it.each([
    ['process-global', 'process'],
    ['global-this', 'globalThis'],
    ['constructor-of-variable', 'customer.constructor'],
    ['to-string-of-variable', 'customer.toString'],
  ])('gives the script %s nothing but null', async (key, script) => {
    // given a script that reaches past the variables
    await deploy(sut.server, scripted(key, script));
    // when a case runs it
    const response = await start(key, { customer: { name: 'Ann' } });
    // then it found nothing there: the result is null and the case goes on
    expect(response.status).toBe(201);
    expect(response.body.variables).toEqual({ customer: { name: 'Ann' }, result: null });
    expect(response.body.activeElementIds).toEqual(['look']);
  });

  it('refuses variables named __proto__ or constructor with 400 naming the name, where they would otherwise vanish, storing nothing', async () => {
    // given a deployed model
    await deploy(sut.server, scripted('proto-names', 'count(get entries({}))'));
    const before = await state();
    // when cases start with variables named like prototype keys (as JSON can carry them)
    const answers = await Promise.all(['__proto__', 'constructor'].map((name) => start('proto-names', JSON.parse(`{"${name}": {"polluted": true}}`))));
    // then each is refused naming the key, nothing was stored, and no object gained a property
    for (const [index, name] of ['__proto__', 'constructor'].entries()) {
      expect([answers[index].status, answers[index].body.code]).toEqual([400, 'BODY_MALFORMED']);
      expect(answers[index].body.message).toContain(`"${name}"`);
    }
    expect(changedTables(before, await state())).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses to start a case whose script would loop a hundred million times, with 422 naming the element, storing nothing', async () => {
    // given a deployed model whose script loops a hundred million times
    await deploy(sut.server, scripted('runaway', 'for x in 1..100000000 return x'));
    const before = await state();
    // when a case is started
    const response = await start('runaway', {});
    // then the engine refuses before evaluating, names the script task, and nothing was stored
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('FEEL_EXPRESSION_TOO_COSTLY');
    expect(response.body.details).toEqual(expect.objectContaining({ elementId: 'compute', expression: 'for x in 1..100000000 return x' }));
    expect(response.body.message).toContain('would iterate more than 100000 times');
    expect(changedTables(before, await state())).toEqual([]);
  });

  it('measures a loop against the case variables: a small bound runs, a huge one is refused', async () => {
    // given a script whose loop runs as often as the variable n says
    await deploy(sut.server, scripted('bounded-by-data', 'string length(string join(for i in 1..n return "abcdefghij"))'));
    // when cases start with n = 10 and with n = a billion
    const small = await start('bounded-by-data', { n: 10 });
    const huge = await start('bounded-by-data', { n: 1e9 });
    // then the first computes, the second is refused
    expect(small.body.variables.result).toBe(100);
    expect([huge.status, huge.body.code]).toEqual([422, 'FEEL_EXPRESSION_TOO_COSTLY']);
  });
});
