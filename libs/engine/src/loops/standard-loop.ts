import type { ActivityNode, StandardLoopCharacteristics } from '#bpmn';
import type { Execution, Token } from '../execution.js';
import type { ActivityInstance } from '../model/state.js';
import { leave } from '../scope/lifecycle.js';
import { evaluateAt } from '../scope/variables.js';

type LoopNode = ActivityNode & { loop: StandardLoopCharacteristics };

/**
 * A standard loop repeats the activity while its loop condition holds, up to loopMaximum
 * iterations: tested after each iteration, and before the first one too with testBefore (where a
 * false condition skips the activity). Each iteration is its own activity instance, with its
 * number in `loopCounter`.
 */
export function enterStandardLoop(node: LoopNode, token: Token, execution: Execution, enter: (token: Token) => void): void {
  if (node.loop.testBefore && !holds(execution, node, token.scopeId, 0)) {
    leave(execution, node, token.previousActivityInstanceId, token.scopeId);
    return;
  }
  enter(iteration(node, token.scopeId, token.previousActivityInstanceId, 1));
}

/** After an iteration: true when another one starts. */
export function loopAgain(execution: Execution, node: LoopNode, activity: ActivityInstance): boolean {
  const counter = activity.loopCounter ?? 1;
  const { loopMaximum } = node.loop;
  if ((loopMaximum !== undefined && counter >= loopMaximum) || !holds(execution, node, activity.scopeId, counter)) return false;
  execution.spawn(iteration(node, activity.scopeId, activity.id, counter + 1));
  return true;
}

const holds = (execution: Execution, node: LoopNode, scopeId: string | undefined, loopCounter: number): boolean =>
  node.loop.loopCondition !== undefined && evaluateAt(execution, node.loop.loopCondition, scopeId, node.id, { loopCounter }) === true;

const iteration = (node: LoopNode, scopeId: string | undefined, previousActivityInstanceId: string | undefined, loopCounter: number): Token => ({
  elementId: node.id,
  ...(scopeId !== undefined && { scopeId }),
  ...(previousActivityInstanceId !== undefined && { previousActivityInstanceId }),
  loopCounter,
  locals: { loopCounter },
});
