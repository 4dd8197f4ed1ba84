import type { ModdleElement } from 'bpmn-moddle';
import type { Problem } from '../../problem.js';
import { eventDefinitionOf } from '../element-kinds.js';
import { describe, type ProcessView } from '../process-view.js';
import { problemFor, type ValidationRule } from '../rule.js';

const problem = problemFor('link-event');

const linkName = (node: ModdleElement): string => String(node.eventDefinitions[0].name ?? '').trim();

/** A link throw event jumps to the one link catch event with its name in the same process or sub-process. */
export const linkEvent: ValidationRule = {
  name: 'link-event',
  check({ processes }) {
    return processes.flatMap((view) => {
      const links = view.flowNodes.filter((node) => eventDefinitionOf(node) === 'link');
      return links.flatMap((node) => checkLink(view, node, links));
    });
  },
};

function checkLink(view: ProcessView, node: ModdleElement, links: ModdleElement[]): Problem[] {
  const name = linkName(node);
  if (!name) return [problem('error', node, `${describe(node)} has no link name.`)];
  const catches = links.filter(
    (other) => other.$type === 'bpmn:IntermediateCatchEvent' && linkName(other) === name && view.containerOf.get(other.id) === view.containerOf.get(node.id),
  );
  if (node.$type === 'bpmn:IntermediateThrowEvent' && catches.length !== 1) {
    return [
      problem(
        'error',
        node,
        `${describe(node)} links to '${name}', but ${catches.length === 0 ? 'no' : catches.length} link catch events of that name are in its scope; keep exactly one.`,
      ),
    ];
  }
  if (node.$type === 'bpmn:IntermediateCatchEvent' && catches.length > 1) {
    return [problem('error', node, `${describe(node)} shares the link name '${name}' with another catch event in its scope.`)];
  }
  return [];
}
