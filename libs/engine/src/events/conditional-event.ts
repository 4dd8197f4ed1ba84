import type { Execution } from '../execution.js';
import type { Subscription } from '../model/state.js';
import { evaluateAt } from '../scope/variables.js';
import { closeSubscription } from '../scope/waits.js';
import { staysOpen, trigger } from './trigger.js';

/**
 * Conditional events wait inside the engine: a command evaluates their conditions once its tokens
 * have settled, and an event fires when its condition turns true: when it starts waiting with the
 * condition true already, or when the command's variable changes make it true. A non-interrupting
 * one fires again only after its condition was false in between, so nothing loops.
 */

/** Per command: the variables (the instance's and every activity instance's locals) when conditions were last evaluated. */
const evaluatedWith = new WeakMap<Execution, string>();

const variablesOf = ({ state }: Execution): string => JSON.stringify([state.variables, state.activities.map(({ id, variables }) => [id, variables ?? null])]);

const isConditional = ({ eventType }: Subscription) => eventType === 'conditional';

/** The variables as the command found them: only a change to them (or a new conditional event) makes conditions count. */
export function noteVariables(execution: Execution): void {
  // Without a conditional event waiting, any that opens in this command is new: evaluated anyway.
  if (execution.state.subscriptions.some(isConditional)) evaluatedWith.set(execution, variablesOf(execution));
}

/** Every condition is evaluated again at the end of this command (a resumed instance: variables set while it was suspended moved nothing). */
export function reevaluateConditions(execution: Execution): void {
  evaluatedWith.delete(execution);
}

/** Fires the conditional events whose condition turned true; true when one fired (tokens move again). */
export function triggerConditions(execution: Execution): boolean {
  if (!execution.state.subscriptions.some(isConditional)) return false;
  const variables = variablesOf(execution);
  const changed = evaluatedWith.get(execution) !== variables;
  evaluatedWith.set(execution, variables);
  const due = execution.state.subscriptions.filter((subscription) => isConditional(subscription) && (changed || subscription.satisfied === undefined));
  let fired = false;
  for (const subscription of due) {
    // An earlier one may have interrupted the scope that held this one.
    if (execution.state.subscriptions.includes(subscription) && turnedTrue(execution, subscription)) {
      if (!staysOpen(execution.node(subscription.elementId))) closeSubscription(execution, subscription, 'correlated');
      trigger(execution, subscription);
      fired = true;
    }
  }
  return fired;
}

/** Evaluates the condition where the event waits, records its value, and answers whether it just turned true. */
function turnedTrue(execution: Execution, subscription: Subscription): boolean {
  const node = execution.node(subscription.elementId);
  const definition = 'eventDefinition' in node ? node.eventDefinition : undefined;
  if (definition?.type !== 'conditional') throw new Error(`'${node.id}' holds a conditional wait but is no conditional event.`);
  const holder = subscription.activityInstanceId === execution.state.id ? undefined : subscription.activityInstanceId;
  const satisfied = evaluateAt(execution, definition.condition, holder, node.id) === true;
  const before = subscription.satisfied;
  subscription.satisfied = satisfied;
  return satisfied && before !== true;
}
