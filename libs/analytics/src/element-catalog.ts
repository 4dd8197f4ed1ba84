import type { ProcessGraph } from '#bpmn';
import type { ElementCatalog, ElementInfo } from './ledger.js';
import { timeClassOfNode } from './time-class.js';

/** What the analytics need of each element, from the graphs of the versions analyzed (later graphs win on a shared id). */
export const elementCatalog = (graphs: readonly ProcessGraph[]): ElementCatalog => {
  const catalog = new Map<string, ElementInfo>();
  for (const graph of graphs) {
    for (const node of Object.values(graph.nodes)) {
      catalog.set(node.id, {
        id: node.id,
        ...(node.name !== undefined && { name: node.name }),
        type: node.type,
        ...(node.lean.valueClass !== undefined && { valueClass: node.lean.valueClass }),
        ...(node.laneId !== undefined && { laneId: node.laneId }),
        candidateGroups: node.type === 'userTask' ? node.candidateGroups : [],
        ...(node.type === 'userTask' && node.costPerHour !== undefined && { costPerHour: node.costPerHour }),
        ...(node.lean.standardMinutes !== undefined && { standardMinutes: node.lean.standardMinutes }),
        ...(node.lean.stage !== undefined && { stage: node.lean.stage }),
        timeClass: timeClassOfNode(node),
      });
    }
  }
  return catalog;
};
