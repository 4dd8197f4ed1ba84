export * from './model.js';
export { startInstance } from './start-instance.js';
export { execute } from './execute.js';
export { catchesErrorAt } from './events/error-catch.js';
export { migrateInstance, migrationRefused, type MigrationOutcome, type MigrationRequest } from './operations/migrate-instance.js';
export {
  checkMigrationMapping,
  type ElementMapping,
  type MigrationProblem,
  type MigrationRule,
  type MigrationVersions,
} from './operations/migration-mapping.js';
export { evaluateDecision, type DecisionResult } from './dmn/evaluate-decision.js';
export { DECISION_ERRORS } from './dmn/decision-errors.js';
export { decisionLookupOf, requireDecision, NO_DECISIONS, type DecisionLookup } from './dmn/decision-lookup.js';
export { planTimer, nextTick, type TimerPlan } from './timers/timer-plan.js';
export { isEscalatable, laneGroups, type EscalationTarget } from './tasks/task-escalation.js';
export { defaultPriority } from './tasks/task-priority.js';
