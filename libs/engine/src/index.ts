export * from './model.js';
export { startInstance } from './start-instance.js';
export { execute } from './execute.js';
export { evaluateDecision, type DecisionResult } from './dmn/evaluate-decision.js';
export { DECISION_ERRORS } from './dmn/decision-errors.js';
export { decisionLookupOf, requireDecision, type DecisionLookup } from './dmn/decision-lookup.js';
export { planTimer, nextTick, type TimerPlan } from './timers/timer-plan.js';
