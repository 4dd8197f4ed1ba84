import type { ActivityNode, MultiInstanceLoopCharacteristics } from '#bpmn';
import { DomainError } from '#core';
import type { Execution, Token } from '../execution.js';
import { evaluateFeel, jsonValue } from '../feel/feel.js';
import { ENGINE_ERRORS } from '../model/errors.js';
import type { ActivityInstance, MultiInstanceProgress, Variables } from '../model/state.js';
import { activate, cancel, complete } from '../scope/lifecycle.js';
import { evaluateAt, propagate, variablesAt } from '../scope/variables.js';

type MultiInstanceNode = ActivityNode & { loop: MultiInstanceLoopCharacteristics };

/**
 * A multi-instance activity runs as a body (an activity instance of type `multiInstanceBody`,
 * holding the boundary events) with one inner instance of the activity per item of its input
 * collection: one after another (sequential) or all at once (parallel). Each inner instance gets
 * the item in `inputElement` and `loopCounter` as locals; its `outputElement` fills the
 * `outputCollection`, in item order. The body completes when every item is done or the
 * completion condition holds (the remaining inner instances are canceled).
 */
export function enterMultiInstance(node: MultiInstanceNode, token: Token, execution: Execution): void {
  const items = itemsOf(execution, node, token.scopeId);
  const body = activate(execution, node, token, { elementType: 'multiInstanceBody', started: true, withoutInputs: true });
  body.multiInstance = { items, started: 0, completed: 0, outputs: items.map(() => null) };
  if (items.length === 0) finish(execution, node, body);
  else for (let count = node.loop.isSequential ? 1 : items.length; count > 0; count -= 1) startNext(execution, node, body);
}

/** An inner instance completed: record its output, then start the next item, or finish the body. */
export function completeInner(execution: Execution, node: MultiInstanceNode, body: ActivityInstance, inner: ActivityInstance, result: Variables | undefined): void {
  const progress = body.multiInstance as MultiInstanceProgress;
  progress.completed += 1;
  const locals = { ...inner.variables, ...result, ...counters(execution, body, progress) };
  const { outputElement, outputCollection, completionCondition } = node.loop;
  if (outputElement !== undefined) progress.outputs[(inner.loopCounter ?? 1) - 1] = jsonValue(evaluateFeel(outputElement, variablesAt(execution, body.id, locals), node.id));
  // The output collection is the body's local (as in Camunda 8): the condition can count what was collected so far.
  const collected = outputCollection === undefined ? {} : { [outputCollection]: progress.outputs };
  const done =
    progress.completed === progress.items.length ||
    (completionCondition !== undefined && evaluateFeel(completionCondition, variablesAt(execution, body.id, { ...collected, ...locals }), node.id) === true);
  if (done) finish(execution, node, body);
  else if (node.loop.isSequential) startNext(execution, node, body);
}

function startNext(execution: Execution, node: MultiInstanceNode, body: ActivityInstance): void {
  const progress = body.multiInstance as MultiInstanceProgress;
  const loopCounter = ++progress.started;
  const { inputElement } = node.loop;
  execution.spawn({
    elementId: node.id,
    scopeId: body.id,
    previousActivityInstanceId: body.id,
    loopCounter,
    locals: { ...(inputElement !== undefined && { [inputElement]: progress.items[loopCounter - 1] }), loopCounter },
  });
}

/** The body completes: inner instances still running are canceled, the output collection goes to the body's scope. */
function finish(execution: Execution, node: MultiInstanceNode, body: ActivityInstance): void {
  for (const inner of execution.childrenOf(body.id)) cancel(execution, inner);
  execution.dropTokens(body.id);
  const { outputCollection } = node.loop;
  if (outputCollection !== undefined) propagate(execution, body.scopeId, { [outputCollection]: (body.multiInstance as MultiInstanceProgress).outputs });
  complete(execution, body);
}

const counters = (execution: Execution, body: ActivityInstance, progress: MultiInstanceProgress) => ({
  numberOfInstances: progress.items.length,
  numberOfCompletedInstances: progress.completed,
  numberOfActiveInstances: execution.childrenOf(body.id).length,
});

/** The input collection (a list), or 1..n for a loop cardinality. */
function itemsOf(execution: Execution, node: MultiInstanceNode, scopeId: string | undefined): unknown[] {
  const { inputCollection, loopCardinality } = node.loop;
  const expression = inputCollection ?? loopCardinality ?? '';
  const value = jsonValue(evaluateAt(execution, expression, scopeId, node.id));
  if (inputCollection !== undefined && Array.isArray(value)) return value;
  if (inputCollection === undefined && Number.isInteger(value) && (value as number) >= 0) return Array.from({ length: value as number }, (_, index) => index + 1);
  throw new DomainError(
    ENGINE_ERRORS.expressionFailed,
    `The ${inputCollection !== undefined ? 'input collection' : 'loop cardinality'} "${expression}" of '${node.id}' yields ${JSON.stringify(value)}, not ${inputCollection !== undefined ? 'a list' : 'a whole number'}.`,
    { elementId: node.id, expression },
  );
}
