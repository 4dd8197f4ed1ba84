import type { ScriptTaskNode } from '#bpmn';
import { jsonValue } from '../feel/feel.js';
import { complete, enter } from '../scope/lifecycle.js';
import { evaluateAt } from '../scope/variables.js';
import type { FlowNodeBehavior } from './behavior.js';
import { activateExternalTask } from './service-task.js';

/**
 * A script task evaluates its FEEL expression where it sits (its input mappings included) and
 * completes at once; the result goes to `resultVariable` (through the output mappings if any). One
 * implemented by a job worker (Camunda 8's zeebe:taskDefinition) is an external task of its type.
 */
export const scriptTask: FlowNodeBehavior<ScriptTaskNode> = {
  workItem: (node) => (node.externalTask ? 'externalTaskClosed' : undefined),
  enter(node, token, execution) {
    if (node.externalTask) {
      activateExternalTask(execution, node, token, node.externalTask);
      return;
    }
    const task = enter(execution, node, token);
    const value = jsonValue(evaluateAt(execution, node.script, task.id, node.id));
    complete(execution, task, node.resultVariable === undefined ? undefined : { [node.resultVariable]: value });
  },
};
