import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadBpmn, type ProcessGraph } from '#bpmn';
import { PersistenceScenario, REVIEW_AND_CHECK } from '../../../../test/e2e/support/persistence-scenario.js';

describe('ProcessVersionRepository', () => {
  let scenario: PersistenceScenario;

  beforeAll(async () => {
    scenario = await PersistenceScenario.open();
  });

  afterAll(async () => {
    await scenario?.close();
  });

  /** The scenario model with its process id changed, and a marker making the XML unique. */
  const variant = async (key: string, marker: string) => {
    const xml = REVIEW_AND_CHECK.replace('id="review-and-check"', `id="${key}"`).replace('name="Review"', `name="Review ${marker}"`);
    const { processes } = await loadBpmn(xml);
    return { xml, graph: processes[0] as ProcessGraph };
  };

  const deploy = ({ xml, graph }: { xml: string; graph: ProcessGraph }) => scenario.versions.deploy({ xml, graphs: [{ id: randomUUID(), graph }], deployedAt: new Date() });

  it('returns the existing version for identical XML, and numbers a changed one next', async () => {
    // given version 1 of a key
    const first = await variant('numbered', 'a');
    const [v1] = await deploy(first);
    // when the same XML and then a changed XML are deployed
    const [same] = await deploy(first);
    const [v2] = await deploy(await variant('numbered', 'b'));
    // then the same is version 1 again, the changed one version 2
    expect(v1).toEqual(expect.objectContaining({ version: 1, created: true }));
    expect(same).toEqual(expect.objectContaining({ id: v1.id, version: 1, created: false }));
    expect(v2).toEqual(expect.objectContaining({ version: 2, created: true }));
    expect(await scenario.versions.findLatestId('numbered')).toBe(v2.id);
  });

  it('numbers concurrent deployments of one key without gaps or collisions', async () => {
    // given five different models of one key
    const models = await Promise.all(['1', '2', '3', '4', '5'].map((marker) => variant('raced', marker)));
    // when they are deployed at the same moment
    const deployed = await Promise.all(models.map(deploy));
    // then they hold versions 1 to 5
    expect(deployed.map(([version]) => version.version).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps the XML and the graph of a version as deployed', async () => {
    // given a deployed model
    const model = await variant('kept', 'x');
    const [version] = await deploy(model);
    // when it is read back
    const withXml = await scenario.versions.findById(version.id);
    const runnable = await scenario.versions.findRunnable(version.id);
    // then both are unchanged
    expect(withXml?.xml).toBe(model.xml);
    expect(runnable?.graph).toEqual(model.graph);
  });
});
