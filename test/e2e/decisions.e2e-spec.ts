import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { LoggerService } from '@nestjs/common';
import request from 'supertest';
import { DefinitionsService } from '../../apps/engine/src/definitions/definitions.service.js';
import { deployDirectory } from '../../apps/engine/src/definitions/deploy-directory.js';
import { createTestApp, fixture, type TestApp } from './support/test-app.js';

const ROUTING_DMN = new URL('../../processes/customer-service/routing.dmn', import.meta.url);

/** A one-rule DMN 1.3 document with the given decision id and output. */
const smallDmn = (decisionId: string, output = '"x"', extra = '') => `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="defs-${decisionId}" name="Small" namespace="https://tandem.dev/test">
  <decision id="${decisionId}" name="Small decision">
    <decisionTable id="table-${decisionId}"${extra}>
      <input id="input-${decisionId}" label="Anything"><inputExpression id="expression-${decisionId}"><text>anything</text></inputExpression></input>
      <output id="output-${decisionId}" name="result" />
      <rule id="rule-${decisionId}"><inputEntry id="entry-${decisionId}"><text>-</text></inputEntry><outputEntry id="out-${decisionId}"><text>${output}</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>`;

describe('business-rule tasks and DMN deployments over HTTP', () => {
  let sut: TestApp;
  let routingDmn: string;
  let routedCase: string;

  beforeAll(async () => {
    sut = await createTestApp();
    routingDmn = await readFile(ROUTING_DMN, 'utf8');
    routedCase = await fixture('routed-case.bpmn');
  });

  afterAll(async () => {
    await sut?.close();
  });

  const http = () => request(sut.server);
  const deployXml = (xml: string) => http().post('/api/deployments').set('Content-Type', 'application/xml').send(xml);
  const instancesOf = async (processKey: string) => (await http().get('/api/instances').query({ processKey })).body as unknown[];

  describe('deploying the routing decision beside the BPMN that calls it', () => {
    beforeAll(async () => {
      // given the routed case and the routing table, uploaded together as two files
      const response = await http().post('/api/deployments').attach('file', Buffer.from(routedCase), 'routed-case.bpmn').attach('file', Buffer.from(routingDmn), 'routing.dmn');
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        processVersions: [expect.objectContaining({ key: 'routed-case', version: 1, created: true })],
        decisions: [expect.objectContaining({ key: 'routing', version: 1, name: 'Route the request', hitPolicy: 'UNIQUE', created: true })],
        forms: [],
        warnings: expect.not.arrayContaining([expect.objectContaining({ rule: 'decision-deployed' })]),
        // a Tandem model: no JUEL translated, no Java delegate converted
        translations: [],
        conversions: [],
      });
    });

    it.each([
      ['a gold complaint to the experts', { category: 'complaint', customerTier: 'gold', amount: 10 }, 'expert-analysis', { queue: 'experts', priority: 1 }],
      [
        'a large standard transaction to the second line',
        { category: 'transactional', customerTier: 'standard', amount: 5000 },
        'second-line-diagnosis',
        { queue: 'second-line', priority: 2 },
      ],
      ['an inquiry to the first line', { category: 'inquiry', customerTier: 'standard', amount: 0 }, 'first-line-diagnosis', { queue: 'first-line', priority: 3 }],
    ])('routes %s', async (_case, variables, queue, route) => {
      // when a case starts
      const response = await http().post('/api/processes/routed-case/instances').send({ variables });
      // then the decision's result is in `route` and the case waits in that queue
      expect(response.status).toBe(201);
      expect(response.body.variables.route).toEqual(route);
      expect(response.body.activeElementIds).toEqual([queue]);
    });

    it('records the business-rule task in the ledger as a step that completed at once', async () => {
      // given a routed case
      const started = await http()
        .post('/api/processes/routed-case/instances')
        .send({ variables: { category: 'inquiry' } });
      // when its steps are read
      const steps = (await http().get(`/api/instances/${started.body.id}/steps`)).body as Array<{ elementId: string; elementType: string; readyAt: string; completedAt: string }>;
      // then
      const route = steps.find(({ elementId }) => elementId === 'route');
      expect(route).toEqual(expect.objectContaining({ elementType: 'businessRuleTask', completedAt: route?.readyAt }));
    });

    it('lists the deployed decision, and returns the same version for the same XML', async () => {
      // when the same DMN is deployed again, alone, as the body
      const again = await deployXml(routingDmn);
      // then the existing version comes back, and the list holds one version
      expect(again.status).toBe(201);
      expect(again.body.decisions).toEqual([expect.objectContaining({ key: 'routing', version: 1, created: false })]);
      const listed = await http().get('/api/decisions').query({ key: 'routing' });
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual([expect.objectContaining({ key: 'routing', version: 1, hitPolicy: 'UNIQUE' })]);
      const detail = await http().get(`/api/decisions/${listed.body[0].id}`);
      expect(detail.body).toEqual(expect.objectContaining({ xml: routingDmn, decisionTable: expect.objectContaining({ id: 'routing' }) }));
    });

    it('evaluates the newest version of a decision: a changed table becomes version 2 and routes from then on', async () => {
      // given a changed routing table that sends inquiries of gold customers to the experts
      const changed = routingDmn.replace(
        '<outputEntry id="OutputEntry_InquiryGold_Queue"><text>"first-line"</text></outputEntry>',
        '<outputEntry id="OutputEntry_InquiryGold_Queue"><text>"experts"</text></outputEntry>',
      );
      expect(changed).not.toBe(routingDmn);
      const deployed = await deployXml(changed);
      expect(deployed.body.decisions).toEqual([expect.objectContaining({ key: 'routing', version: 2, created: true })]);
      // when a gold inquiry starts on the unchanged process version
      const response = await http()
        .post('/api/processes/routed-case/instances')
        .send({ variables: { category: 'inquiry', customerTier: 'gold' } });
      // then the new table routes it
      expect(response.body.activeElementIds).toEqual(['expert-analysis']);
      const listed = await http().get('/api/decisions');
      expect(listed.body.map(({ key, version }: { key: string; version: number }) => `${key} v${version}`)).toEqual(['routing v2', 'routing v1']);
    });
  });

  describe('a business-rule task whose decision is missing or fails', () => {
    it('deploys with a warning naming the task, and refuses to start a case until the decision is deployed', async () => {
      // given a model calling a decision nobody deployed
      const xml = routedCase.replace('id="routed-case"', 'id="priced-case"').replace('tandem:decisionRef="routing"', 'tandem:decisionRef="pricing"');
      const deployed = await deployXml(xml);
      expect(deployed.status).toBe(201);
      expect(deployed.body.warnings).toContainEqual(
        expect.objectContaining({ elementId: 'route', rule: 'decision-deployed', severity: 'warning', message: expect.stringContaining("decision 'pricing'") }),
      );

      // when a case starts
      const refused = await http()
        .post('/api/processes/priced-case/instances')
        .send({ variables: { category: 'inquiry' } });

      // then it is refused naming the task and the decision, and no case exists
      expect(refused.status).toBe(422);
      expect(refused.body).toEqual(expect.objectContaining({ code: 'DECISION_NOT_FOUND', details: { elementId: 'route', decisionId: 'pricing' } }));
      expect(await instancesOf('priced-case')).toEqual([]);

      // and once the decision is deployed, the same start works
      expect((await deployXml(smallDmn('pricing', '{ queue: "first-line" }'))).status).toBe(201);
      const started = await http()
        .post('/api/processes/priced-case/instances')
        .send({ variables: { category: 'inquiry' } });
      expect(started.status).toBe(201);
      expect(started.body.variables.route).toEqual({ queue: 'first-line' });
    });

    it('refuses a case whose decision fails, naming the task and the decision', async () => {
      // given a UNIQUE decision whose two rules both match
      const overlapping = smallDmn('overlapping').replace(
        '</decisionTable>',
        '<rule id="rule-2"><inputEntry id="entry-2"><text>-</text></inputEntry><outputEntry id="out-2"><text>"y"</text></outputEntry></rule></decisionTable>',
      );
      const xml = routedCase.replace('id="routed-case"', 'id="overlapping-case"').replace('tandem:decisionRef="routing"', 'tandem:decisionRef="overlapping"');
      const deployed = await http().post('/api/deployments').attach('file', Buffer.from(overlapping), 'overlapping.dmn').attach('file', Buffer.from(xml), 'overlapping-case.bpmn');
      expect(deployed.status).toBe(201);

      // when a case starts
      const refused = await http().post('/api/processes/overlapping-case/instances').send({});

      // then
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('DECISION_FAILED');
      expect(refused.body.details).toEqual(expect.objectContaining({ elementId: 'route', decisionId: 'overlapping', ruleIds: ['rule-overlapping', 'rule-2'] }));
      expect(await instancesOf('overlapping-case')).toEqual([]);
    });
  });

  describe('DMN that cannot be deployed', () => {
    it.each([
      ['XML that does not parse', '<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"><decision id="d">', 'DMN_MALFORMED'],
      ['DMN 1.1', '<definitions xmlns="http://www.omg.org/spec/DMN/20151101/dmn.xsd" id="d" name="n" namespace="x"/>', 'DMN_NOT_DMN'],
      [
        'a DOCTYPE with entities',
        '<?xml version="1.0"?><!DOCTYPE definitions [<!ENTITY x "y">]><definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="n" namespace="x"/>',
        'DMN_DOCTYPE_FORBIDDEN',
      ],
    ])('answers 400 for %s', async (_case, xml, code) => {
      // when it is deployed; then
      const response = await deployXml(xml);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe(code);
    });

    it('answers 422 with problems naming the element for a decision with errors, storing nothing', async () => {
      // given a table with an unknown hit policy and an output entry that is not FEEL
      const invalid = smallDmn('broken', '"unclosed', ' hitPolicy="SOMETIMES"');
      // when it is deployed
      const response = await deployXml(invalid);
      // then
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('DMN_INVALID');
      expect(response.body.details.problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ elementId: 'broken', rule: 'hit-policy', severity: 'error', message: expect.stringContaining('SOMETIMES') }),
          expect.objectContaining({ elementId: 'rule-broken', rule: 'feel-syntax', severity: 'error' }),
        ]),
      );
      expect((await http().get('/api/decisions').query({ key: 'broken' })).body).toEqual([]);
    });

    it('refuses a multipart deployment with one bad file as a whole, naming the file', async () => {
      // given a good BPMN and a DMN with a syntax error, uploaded together
      const bpmn = routedCase.replace('id="routed-case"', 'id="never-stored"').replace('tandem:decisionRef="routing"', 'tandem:decisionRef="never"');
      const response = await http()
        .post('/api/deployments')
        .attach('file', Buffer.from(bpmn), 'never-stored.bpmn')
        .attach('file', Buffer.from('<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"><oops'), 'never.dmn');
      // then the DMN is named, and neither file was stored
      expect(response.status).toBe(400);
      expect(response.body).toEqual(expect.objectContaining({ code: 'DMN_MALFORMED', details: expect.objectContaining({ resource: 'never.dmn' }) }));
      expect(response.body.message).toMatch(/^never\.dmn: /);
      expect((await http().get('/api/process-versions').query({ key: 'never-stored' })).body).toEqual([]);
    });

    it('refuses two files of one deployment defining the same decision id', async () => {
      // when two DMN files both define `twice`
      const response = await http()
        .post('/api/deployments')
        .attach('file', Buffer.from(smallDmn('twice')), 'a.dmn')
        .attach('file', Buffer.from(smallDmn('twice', '"other"')), 'b.dmn');
      // then
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('DMN_INVALID');
      expect(response.body.details.problems).toEqual([expect.objectContaining({ elementId: 'twice', rule: 'unique-decision-id' })]);
      expect((await http().get('/api/decisions').query({ key: 'twice' })).body).toEqual([]);
    });
  });

  it('deploys several BPMN and DMN files in one multipart upload: a parent, the process it calls and the decision that one evaluates', async () => {
    // given three files in one upload
    const response = await http()
      .post('/api/deployments')
      .attach('files', Buffer.from((await fixture('escalation.bpmn')).replace('calledElement="case-handling"', 'calledElement="classified-case"')), 'escalation.bpmn')
      .attach('files', Buffer.from(await fixture('classified-case.bpmn')), 'classified-case.bpmn')
      .attach('files', Buffer.from(await fixture('classification.dmn')), 'classification.dmn');
    // then everything is deployed, with no warning about missing references
    expect(response.status).toBe(201);
    expect(response.body.processVersions.map(({ key }: { key: string }) => key)).toEqual(['escalation', 'classified-case']);
    expect(response.body.decisions.map(({ key }: { key: string }) => key)).toEqual(['classification']);
    expect(response.body.warnings.filter(({ rule }: { rule: string }) => rule.endsWith('-deployed'))).toEqual([]);

    // when a case starts, then the called case classified itself with the decision
    const parent = await http()
      .post('/api/processes/escalation/instances')
      .send({ businessKey: 'multi', variables: { amount: 50 } });
    expect(parent.status).toBe(201);
    const [child] = (await http().get('/api/instances').query({ processKey: 'classified-case', businessKey: 'multi' })).body as Array<{ id: string }>;
    expect((await http().get(`/api/instances/${child.id}`)).body.variables).toEqual({ caseAmount: 100, class: 'small' });
  });
});

describe('deploying the processes directory at start', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await createTestApp();
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('deploys routing.dmn before the BPMN models, and finds everything unchanged the second time', async () => {
    // given a logger that keeps what the start would print
    const logged: string[] = [];
    const problems: string[] = [];
    const logger: LoggerService = { log: (line) => logged.push(line), warn: (line) => problems.push(line), error: (line) => problems.push(line) };
    const directory = fileURLToPath(new URL('../../processes', import.meta.url));

    // when the directory is deployed twice, as two starts would
    await deployDirectory(sut.app.get(DefinitionsService), directory, logger);
    const firstStart = logged.splice(0);
    await deployDirectory(sut.app.get(DefinitionsService), directory, logger);

    // then the decision went first, nothing was refused, and the second start changed nothing
    expect(problems).toEqual([]);
    expect(firstStart[0]).toBe('customer-service/routing.dmn: routing v1 deployed');
    expect(logged).toContain('customer-service/routing.dmn: routing v1 (unchanged)');
    const decisions = await request(sut.server).get('/api/decisions');
    expect(decisions.body).toEqual([expect.objectContaining({ key: 'routing', version: 1 })]);
    // and the versions say no one deployed them but the engine at start-up
    const versions = await request(sut.server).get('/api/process-versions').query({ key: 'customer-service' });
    expect(versions.body.length).toBeGreaterThan(0);
    expect(versions.body.every((version: { deployedBy: string | null }) => version.deployedBy === null)).toBe(true);
  });
});
