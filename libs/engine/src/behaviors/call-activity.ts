import { isFeel, type CallActivityNode } from '#bpmn';
import type { Execution } from '../execution.js';
import { feelText } from '../feel/feel.js';
import type { CompleteCallActivityCommand } from '../model/commands.js';
import type { ActivityInstance } from '../model/state.js';
import { activate, complete } from '../scope/lifecycle.js';
import { evaluateAt, variablesAt } from '../scope/variables.js';
import type { FlowNodeBehavior } from './behavior.js';

/**
 * A call activity starts a child instance through the app (`callActivityStarted`: the process key,
 * the version binding, the variables, the business key) and waits until the app reports that the
 * child ended (`completeCallActivity`). The child gets every variable visible here (input mappings
 * included) unless propagateAllParentVariables is false, then only the input mappings; what comes
 * back goes through the output mappings, or without them all of it (none when
 * propagateAllChildVariables is false, as in Camunda 8). The business key is passed down unless an
 * expression names another one.
 */
export const callActivity: FlowNodeBehavior<CallActivityNode> = {
  workItem: () => 'callActivityClosed',
  enter(node, token, execution) {
    activate(execution, node, token, {
      started: true,
      created: (activity) => {
        const businessKey = node.businessKey === undefined ? execution.state.businessKey : setting(execution, node, activity, node.businessKey);
        return {
          kind: 'callActivityStarted',
          activityInstanceId: activity.id,
          elementId: node.id,
          processKey: setting(execution, node, activity, node.processKey) ?? '',
          binding: node.binding,
          variables: node.propagateAllParentVariables ? variablesAt(execution, activity.id) : structuredClone(activity.variables ?? {}),
          ...(businessKey !== undefined && { businessKey }),
          at: execution.at,
        };
      },
    });
  },
};

/** Plain text, or FEEL (starting with `=`) evaluated at the call activity. */
const setting = (execution: Execution, node: CallActivityNode, activity: ActivityInstance, text: string): string | undefined =>
  isFeel(text) ? feelText(evaluateAt(execution, text, activity.id, node.id), node.id, text) : text;

export function completeCallActivity(execution: Execution, { activityInstanceId, variables }: CompleteCallActivityCommand): void {
  const activity = execution.activity(activityInstanceId, 'callActivity');
  const node = execution.node(activity.elementId);
  // The output mappings read the child's variables whatever the flag; without them the flag decides.
  const handedBack = node.type !== 'callActivity' || node.propagateAllChildVariables || (node.ioMapping?.outputs.length ?? 0) > 0;
  complete(execution, activity, handedBack ? variables : undefined);
}
