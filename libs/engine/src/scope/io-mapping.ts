import type { FlowNode, VariableMapping } from '#bpmn';
import type { Execution } from '../execution.js';
import { evaluateFeel, jsonValue } from '../feel/feel.js';
import type { Variables } from '../model/state.js';
import { atPath, propagate, variablesAt } from './variables.js';

const ioOf = (node: FlowNode) => ('ioMapping' in node ? node.ioMapping : undefined);

/** Evaluates mappings in order, each seeing the ones before it; the result holds their targets. */
function map(mappings: readonly VariableMapping[], context: Variables, elementId: string): Variables {
  let mapped: Variables = {};
  for (const { source, target } of mappings) {
    const value = jsonValue(evaluateFeel(source, { ...context, ...mapped }, elementId));
    mapped = { ...mapped, ...atPath(target, value, { ...context, ...mapped }) };
  }
  return mapped;
}

/** The locals an activity instance starts with: what it is given (a multi-instance item), then its input mappings. */
export function mapInputs(execution: Execution, node: FlowNode, scopeId: string | undefined, given: Variables = {}): Variables {
  const inputs = ioOf(node)?.inputs ?? [];
  return { ...given, ...map(inputs, variablesAt(execution, scopeId, given), node.id) };
}

/**
 * An event a token passes (a throw, end or link catch event): its output mappings write to its
 * scope as the token passes, evaluated over its input mappings.
 */
export function mapPassing(execution: Execution, node: FlowNode, scopeId: string | undefined): void {
  if (ioOf(node)) handBack(execution, node, scopeId, mapInputs(execution, node, scopeId), undefined);
}

/**
 * What a completing element hands back to its scope: with output mappings only what they map
 * (evaluated over its locals and result), else every result variable, propagated outwards.
 */
export function handBack(execution: Execution, node: FlowNode, scopeId: string | undefined, locals: Variables, result: Variables | undefined): void {
  const outputs = ioOf(node)?.outputs ?? [];
  if (outputs.length === 0) {
    propagate(execution, scopeId, result);
    return;
  }
  propagate(execution, scopeId, map(outputs, variablesAt(execution, scopeId, { ...locals, ...result }), node.id));
}
