import type { FlowNode } from '#bpmn';
import type { Execution } from '../execution.js';

/** The link catch event a link throw event jumps to: same name, same scope (validation makes it exist and be unique). */
export function linkTarget(execution: Execution, thrower: FlowNode, linkName: string): string {
  const target = Object.values(execution.graph.nodes).find(
    (node) => node.type === 'intermediateCatchEvent' && node.eventDefinition.type === 'link' && node.eventDefinition.linkName === linkName && node.parentId === thrower.parentId,
  );
  if (!target) throw new Error(`Link '${linkName}' thrown at '${thrower.id}' has no catch event in its scope.`);
  return target.id;
}
