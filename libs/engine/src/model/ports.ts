import type { DecisionTable } from '#bpmn';

/** Time, injected so tests and replays are deterministic. */
export interface Clock {
  now(): Date;
}

/** Identifiers, injected for the same reason (uuid in production, counters in tests). */
export interface IdGenerator {
  next(): string;
}

/**
 * How a businessRuleTask finds the decision it calls. Synchronous: the app loads the decisions a
 * process version references before the command, so evaluation never waits on I/O mid-step.
 */
export interface DecisionLookup {
  find(decisionId: string): DecisionTable | undefined;
}

/** What the engine takes from outside: it reads no clock, makes no ids and loads nothing itself. */
export interface EnginePorts {
  clock: Clock;
  ids: IdGenerator;
  /** The deployed decisions business-rule tasks evaluate (the app loads them); none when absent. */
  decisions?: DecisionLookup;
}
