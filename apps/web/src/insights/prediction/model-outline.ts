/**
 * What the prediction page needs to know of a deployed model, read from its XML in the browser:
 * each flow node's type, name and outgoing flows, and the candidate groups of its user tasks
 * (the groups a pool works); lanes are kept for their names. Only the executable process is read:
 * it is the one the engine runs.
 */
import type { ModelOutline, OutlineNode } from './shared-parameters.js';

const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const TANDEM = 'https://tandem.dev/schema/bpmn/1.0';

/** Elements that are not flow nodes (a flow is counted apart, the rest are structure or data). */
const NOT_NODES = new Set([
  'sequenceFlow',
  'laneSet',
  'flowNodeRef',
  'incoming',
  'outgoing',
  'extensionElements',
  'documentation',
  'conditionExpression',
  'dataObject',
  'dataObjectReference',
  'dataStoreReference',
  'textAnnotation',
  'association',
  'timerEventDefinition',
  'messageEventDefinition',
  'signalEventDefinition',
  'errorEventDefinition',
  'escalationEventDefinition',
  'compensateEventDefinition',
  'conditionalEventDefinition',
  'terminateEventDefinition',
  'linkEventDefinition',
  'timeDuration',
  'timeDate',
  'timeCycle',
  'multiInstanceLoopCharacteristics',
  'standardLoopCharacteristics',
  'ioSpecification',
  'property',
  'script',
]);

export const outlineModel = (xml: string): ModelOutline => {
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  const processes = [...document.getElementsByTagNameNS(BPMN, 'process')];
  const process = processes.find((candidate) => candidate.getAttribute('isExecutable') === 'true') ?? processes[0];
  const nodes: Record<string, OutlineNode> = {};
  if (!process) return { nodes, groups: [], flowNames: {}, flowTargets: {} };
  const flows = [...process.getElementsByTagNameNS(BPMN, 'sequenceFlow')];
  const flowNames = Object.fromEntries(flows.map((flow) => [flow.getAttribute('id') ?? '', flow.getAttribute('name') ?? '']));
  const flowTargets = Object.fromEntries(flows.map((flow) => [flow.getAttribute('id') ?? '', flow.getAttribute('targetRef') ?? '']));
  for (const node of process.getElementsByTagNameNS(BPMN, '*')) {
    const id = node.getAttribute('id');
    if (!id || NOT_NODES.has(node.localName) || node.localName.endsWith('EventDefinition')) continue;
    const groups = node.getAttributeNS(TANDEM, 'candidateGroups') ?? '';
    const standard = node.getAttributeNS(TANDEM, 'standardMinutes');
    nodes[id] = {
      type: node.localName,
      name: node.getAttribute('name') ?? id,
      outgoing: flows.filter((flow) => flow.getAttribute('sourceRef') === id).map((flow) => flow.getAttribute('id') ?? ''),
      candidateGroups: groups
        .split(',')
        .map((group) => group.trim())
        .filter((group) => group !== ''),
      ...(standard !== null && standard.trim() !== '' && Number.isFinite(Number(standard)) && { standardMinutes: Number(standard) }),
    };
  }
  const groups = [...new Set(Object.values(nodes).flatMap((node) => (node.type === 'userTask' ? node.candidateGroups : [])))];
  return { nodes, groups, flowNames, flowTargets };
};
