import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DecisionTable } from '#bpmn';
import { openTestDataSource } from '../../../../test/e2e/support/test-database.js';
import { DecisionRepository } from './decision.repository.js';

/** A compiled one-output table; what it decides does not matter here. */
const table = (id: string, output: string): DecisionTable => ({
  id,
  name: `Decision ${id}`,
  hitPolicy: 'FIRST',
  inputs: [],
  outputs: [{ id: 'o', name: 'result' }],
  rules: [{ id: 'r', inputEntries: [], outputEntries: [output] }],
});

describe('DecisionRepository', () => {
  let database: Awaited<ReturnType<typeof openTestDataSource>>;
  let sut: DecisionRepository;
  const deployedAt = new Date('2026-01-05T09:00:00.000Z');

  beforeAll(async () => {
    database = await openTestDataSource();
    sut = new DecisionRepository(database.dataSource);
  });

  afterAll(async () => {
    await database?.close();
  });

  const deploy = (xml: string, ...tables: DecisionTable[]) => sut.deploy({ xml, decisions: tables.map((decision) => ({ id: randomUUID(), table: decision })), deployedAt });

  it('numbers versions per decision id, and returns the existing version for identical XML', async () => {
    // given a document with two decisions
    const first = await deploy('<dmn a/>', table('triage', '"a"'), table('pricing', '1'));
    // when the same XML is deployed again, and a changed document defining triage only
    const again = await deploy('<dmn a/>', table('triage', '"a"'), table('pricing', '1'));
    const changed = await deploy('<dmn b/>', table('triage', '"b"'));
    // then
    expect(first.map(({ key, version, created }) => ({ key, version, created }))).toEqual([
      { key: 'triage', version: 1, created: true },
      { key: 'pricing', version: 1, created: true },
    ]);
    expect(again.map(({ id, created }) => ({ id, created }))).toEqual(first.map(({ id }) => ({ id, created: false })));
    expect(changed.map(({ key, version }) => `${key} v${version}`)).toEqual(['triage v2']);
    expect((await sut.list()).map(({ key, version }) => `${key} v${version}`)).toEqual(['pricing v1', 'triage v2', 'triage v1']);
  });

  it('gives business-rule tasks the newest version of the decisions they name, and tells which ids are deployed', async () => {
    // given two versions of a decision
    await deploy('<dmn c/>', table('routing', '"old"'));
    await deploy('<dmn d/>', table('routing', '"new"'));
    // when the tables of routing and an unknown id are asked for; then
    expect(await sut.latestTables(['routing', 'unknown'])).toEqual([table('routing', '"new"')]);
    expect(await sut.deployedKeys(['routing', 'unknown'])).toEqual(new Set(['routing']));
  });

  it('numbers two concurrent deployments of one decision id without a collision', async () => {
    // when two different documents for the same id are deployed at once
    const versions = await Promise.all([deploy('<dmn e/>', table('concurrent', '1')), deploy('<dmn f/>', table('concurrent', '2'))]);
    // then they got versions 1 and 2
    expect(versions.map(([deployed]) => deployed.version).sort()).toEqual([1, 2]);
  });
});
