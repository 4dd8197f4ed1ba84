import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request, { type Agent, type Response } from 'supertest';
import { createTestApp, deploy, eventually, type TestApp } from './support/test-app.js';

/** What a spreadsheet would run if the CSV carried it as it is. */
const FORMULA_KEY = '=HYPERLINK("http://x","y")';
/** The same business key as csv-stringify writes it once neutralized: a leading quote, inner quotes doubled. */
const NEUTRALIZED_KEY = `"'=HYPERLINK(""http://x"",""y"")"`;

/** One user task whose name is a formula too, so the activity columns are covered as well as the business key. */
const PROCESS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d-formula" targetNamespace="https://tandem.dev/test">
  <bpmn:process id="formula-case" isExecutable="true">
    <bpmn:startEvent id="received"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="answer" name="@SUM(1+1)"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="done"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="received" targetRef="answer" />
    <bpmn:sequenceFlow id="f2" sourceRef="answer" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>`;

/** The cells of a CSV line that start like a formula (a quoted cell is looked at inside its quotes). */
const formulaCells = (csv: string): string[] =>
  csv
    .split('\n')
    .flatMap((line) => line.match(/(?<=^|,)("[^"]*(?:""[^"]*)*"|[^,]*)/g) ?? [])
    .map((cell) => cell.replace(/^"/, ''))
    .filter((cell) => /^[=+\-@\t\r]/.test(cell) && !/^-?\d/.test(cell));

const expectSecurityHeaders = (response: Response): void => {
  expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(response.headers['content-security-policy']).toContain("script-src 'self'");
  expect(response.headers['x-frame-options']).toBe('DENY');
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['referrer-policy']).toBe('no-referrer');
  expect(response.headers['x-powered-by']).toBeUndefined();
};

describe('headers and output', () => {
  let sut: TestApp;
  let analyst: Agent;
  let versionId: string;

  beforeAll(async () => {
    sut = await createTestApp();
    analyst = await sut.signIn('csv-analyst', { roles: ['analyst'] });
    versionId = (await deploy(sut.server, PROCESS)).id;
    const started = await request(sut.server).post('/api/processes/formula-case/instances').send({ businessKey: FORMULA_KEY }).expect(201);
    const [task] = (await request(sut.server).get(`/api/tasks?view=all&instanceId=${started.body.id}&status=open`).expect(200)).body as Array<{ id: string }>;
    await request(sut.server).post(`/api/tasks/${task.id}/claim`).send({ start: true }).expect(200);
    await request(sut.server).post(`/api/tasks/${task.id}/complete`).send({}).expect(200);
  });

  afterAll(async () => {
    await sut?.close();
  });

  describe('security headers', () => {
    it('sends them on API answers, errors included, and never X-Powered-By', async () => {
      // when the API answers a success, a refusal and an unknown path
      const answers = [
        await request(sut.anonymousServer).get('/api/health'),
        await request(sut.anonymousServer).get('/api/tasks').expect(401),
        await request(sut.server).get('/api/no-such-resource').expect(404),
      ];
      // then each carries the policy and the other headers
      for (const answer of answers) expectSecurityHeaders(answer);
      expect(answers[0].headers['content-security-policy']).toBe(
        "default-src 'self';script-src 'self';script-src-attr 'none';style-src 'self';" +
          "style-src-attr 'unsafe-hashes' 'sha256-nR5hyLltSjfvi2rqC26RbcredWrJvTaPA1yqPX96jpY=';img-src 'self' data:;font-src 'self' data:;" +
          "connect-src 'self';object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'",
      );
    });

    it('gives Swagger UI the same policy but for its inline styles, and no inline script', async () => {
      // when the docs page and one of its scripts are fetched
      const page = await request(sut.anonymousServer).get('/api/docs/').expect(200);
      const script = await request(sut.anonymousServer).get('/api/docs/swagger-ui-init.js').expect(200);
      // then both carry the headers, styles may be inline there, scripts still may not
      expectSecurityHeaders(page);
      expectSecurityHeaders(script);
      expect(page.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
      expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    });
  });

  describe('CSV formula injection', () => {
    it('writes the formula business key and activity name as text in the event log', async () => {
      // when the event log is exported as CSV
      const csv = await analyst.get('/api/analytics/event-log').query({ processVersionId: versionId, format: 'csv' }).expect(200);
      // then the business key and the task's name start with a quote, and no cell starts a formula
      expect(csv.text).toContain(NEUTRALIZED_KEY);
      expect(csv.text).toContain(",'@SUM(1+1),");
      expect(formulaCells(csv.text)).toEqual([]);
    });

    it('writes them as text in the report CSVs too', async () => {
      // when the per-case and per-activity tables are exported (once the case is in the ledger)
      const cases = await eventually(
        () => analyst.get('/api/analytics/cases').query({ processVersionId: versionId, format: 'csv', table: 'cases' }),
        (response) => response.status === 200 && response.text.includes('HYPERLINK'),
      );
      const activities = await analyst.get('/api/analytics/activities').query({ processVersionId: versionId, format: 'csv' }).expect(200);
      // then neither carries a live formula
      expect(cases.text).toContain(NEUTRALIZED_KEY);
      expect(activities.text).toContain("'@SUM(1+1)");
      expect(formulaCells(cases.text)).toEqual([]);
      expect(formulaCells(activities.text)).toEqual([]);
    });
  });
});
