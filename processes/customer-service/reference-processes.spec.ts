import { readFileSync } from 'node:fs';
import { loadBpmn, STAGES, VALUE_CLASSES, WASTE_TYPES, type FlowNode, type ProcessGraph } from '#bpmn';

const readModel = (file: string) => readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');

const ACTIVITY_TYPES = new Set<FlowNode['type']>(['userTask', 'serviceTask']);
const activitiesOf = (graph: ProcessGraph) => Object.values(graph.nodes).filter((node) => ACTIVITY_TYPES.has(node.type));
const nvaCountOf = (graph: ProcessGraph) => activitiesOf(graph).filter((node) => node.lean.valueClass === 'NVA').length;

const MODELS = [
  { file: 'as-is.bpmn', name: 'Customer service (as-is)', activities: 17, nva: 9 },
  { file: 'to-be.bpmn', name: 'Customer service (to-be)', activities: 12, nva: 1 },
];

const loadModel = async (file: string) => {
  const { processes, problems } = await loadBpmn(readModel(file));
  return { processes, problems, graph: processes[0] as ProcessGraph };
};

describe.each(MODELS)('the reference process $file', ({ file, name, activities, nva }) => {
  it('deploys without errors or warnings', async () => {
    // given the reference model; when it is loaded
    const { problems } = await loadModel(file);
    // then the validator has nothing to say about it
    expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('compiles to the one process customer-service', async () => {
    // given the reference model; when it is loaded
    const { processes } = await loadModel(file);
    // then it is a single version of the customer-service key
    expect(processes.map((graph) => ({ key: graph.key, name: graph.name }))).toEqual([{ key: 'customer-service', name }]);
  });

  it('classifies every activity by value class, stage and standard minutes', async () => {
    // given the compiled reference model
    const { graph } = await loadModel(file);
    // when its activities are listed
    const unclassified = activitiesOf(graph).filter(
      ({ lean }) =>
        !VALUE_CLASSES.includes(lean.valueClass!) ||
        !STAGES.includes(lean.stage!) ||
        typeof lean.standardMinutes !== 'number' ||
        (lean.valueClass === 'NVA') !== WASTE_TYPES.includes(lean.wasteType!),
    );
    // then each has a value class, a stage and minutes, and exactly the NVA ones name their waste
    expect(activitiesOf(graph)).toHaveLength(activities);
    expect(unclassified.map((node) => node.id)).toEqual([]);
    expect(nvaCountOf(graph)).toBe(nva);
  });

  it('puts every flow node in one of the four lanes and every user task in a tier queue', async () => {
    // given the compiled reference model
    const { graph } = await loadModel(file);
    // when lanes and queues are read
    const laneNames = graph.lanes.map((lane) => lane.name);
    const outsideLanes = Object.values(graph.nodes).filter((node) => node.laneId === undefined);
    const groups = new Set(Object.values(graph.nodes).flatMap((node) => (node.type === 'userTask' ? node.candidateGroups : [])));
    // then the tiers of the service team own the work
    expect(laneNames).toEqual(['First line', 'Second line', 'Expert group', 'System']);
    expect(outsideLanes.map((node) => node.id)).toEqual([]);
    expect([...groups].sort()).toEqual(['experts', 'first-line', 'second-line']);
  });
});

describe('the redesign', () => {
  it('has at most half the non-value-added activities of the as-is process', async () => {
    // given both reference models
    const asIs = await loadModel('as-is.bpmn');
    const toBe = await loadModel('to-be.bpmn');
    // when their NVA activities are counted
    const asIsNva = nvaCountOf(asIs.graph);
    const toBeNva = nvaCountOf(toBe.graph);
    // then the target of at least 50 % fewer NVA steps is met
    expect([asIsNva, toBeNva]).toEqual([9, 1]);
    expect(toBeNva).toBeLessThanOrEqual(asIsNva / 2);
  });
});
