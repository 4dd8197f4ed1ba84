import type { ModdleElement } from 'bpmn-moddle';
import { versionTagOf } from '../../compile/version-tag.js';
import { extensionElement } from '../../parse/extension-elements.js';
import { MAX_VERSION_TAG_LENGTH } from '../../process-graph.js';
import type { Problem } from '../../problem.js';
import { describe } from '../process-view.js';
import { allFlowNodes, problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('zeebe-deployment-settings');

/**
 * What Camunda 8 resolves at deploy beside the model: a process's `zeebe:versionTag` becomes its
 * version's tag, so it must fit one; `zeebe:linkedResources` name other deployed resources (RPA or
 * generic scripts) handed to a job worker, which Tandem has no store for, so it refuses them rather
 * than hand a worker nothing.
 */
export const zeebeDeploymentSettings: ValidationRule = {
  name: 'zeebe-deployment-settings',
  check(context) {
    return [...context.processes.flatMap(({ process }) => checkVersionTag(process)), ...allFlowNodes(context).flatMap(checkLinkedResources)];
  },
};

function checkVersionTag(process: ModdleElement): Problem[] {
  const tag = versionTagOf(process);
  if (tag === undefined || tag.length <= MAX_VERSION_TAG_LENGTH) return [];
  return [problem('error', process, `The zeebe:versionTag value of process '${process.id}' has ${tag.length} characters; a version tag has at most ${MAX_VERSION_TAG_LENGTH}.`)];
}

function checkLinkedResources(node: ModdleElement): Problem[] {
  if (!extensionElement(node, 'linkedResources')) return [];
  return [
    problem(
      'error',
      node,
      `${describe(node)} has zeebe:linkedResources, resources deployed beside the model (such as RPA scripts) for its job worker; Tandem deploys no such resources. Remove them and hand the worker what it needs as a zeebe:taskHeaders header or an input mapping.`,
    ),
  ];
}
