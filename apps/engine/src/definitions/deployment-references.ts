import { isFeel, type FlowNode, type ProcessGraph, type Problem } from '#bpmn';
import type { LoadedDocument } from './deployment-documents.js';

/** Keys a deployment's processes call by a fixed name (FEEL names are only known at run time). */
export interface References {
  decisions: Set<string>;
  processes: Set<string>;
}

interface Reference {
  node: FlowNode;
  kind: keyof References;
  key: string;
}

const referencesOf = (graph: ProcessGraph): Reference[] =>
  Object.values(graph.nodes).flatMap((node): Reference[] => {
    // A business-rule task that is a job (Camunda 8's zeebe:taskDefinition) names no decision.
    if (node.type === 'businessRuleTask' && !node.externalTask && !isFeel(node.decisionRef)) return [{ node, kind: 'decisions', key: node.decisionRef }];
    if (node.type === 'callActivity' && !isFeel(node.processKey)) return [{ node, kind: 'processes', key: node.processKey }];
    return [];
  });

const graphsOf = (documents: readonly LoadedDocument[]): ProcessGraph[] => documents.flatMap((document) => (document.kind === 'bpmn' ? document.graphs : []));

/** References to decisions and processes the deployment does not define itself. */
function outsideReferences(documents: readonly LoadedDocument[]): Reference[] {
  const defined: References = {
    decisions: new Set(documents.flatMap((document) => (document.kind === 'dmn' ? document.tables.map(({ id }) => id) : []))),
    processes: new Set(graphsOf(documents).map(({ key }) => key)),
  };
  return graphsOf(documents)
    .flatMap(referencesOf)
    .filter(({ kind, key }) => !defined[kind].has(key));
}

/** The decision ids and process keys to look up among those deployed before. */
export function externalReferences(documents: readonly LoadedDocument[]): References {
  const references = outsideReferences(documents);
  const keys = (kind: keyof References) => new Set(references.filter((reference) => reference.kind === kind).map(({ key }) => key));
  return { decisions: keys('decisions'), processes: keys('processes') };
}

/**
 * A warning per business-rule task or call activity naming a decision or process that is neither
 * in this deployment nor deployed before. Not an error, since it may be deployed later; until then
 * the command reaching the task is refused (DECISION_NOT_FOUND, CALLED_PROCESS_NOT_FOUND).
 */
export function missingReferenceWarnings(documents: readonly LoadedDocument[], deployed: References): Problem[] {
  return outsideReferences(documents)
    .filter(({ kind, key }) => !deployed[kind].has(key))
    .map(({ node, kind, key }) =>
      kind === 'decisions'
        ? {
            elementId: node.id,
            rule: 'decision-deployed',
            severity: 'warning',
            message: `Business-rule task '${node.id}' calls decision '${key}', which is not deployed: deploy its DMN (beside this model, or later), or the task fails with DECISION_NOT_FOUND.`,
          }
        : {
            elementId: node.id,
            rule: 'called-process-deployed',
            severity: 'warning',
            message: `Call activity '${node.id}' calls process '${key}', which is not deployed: deploy it (beside this model, or later), or the call fails with CALLED_PROCESS_NOT_FOUND.`,
          },
    );
}
