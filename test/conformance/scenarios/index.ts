import type { ConformanceScenario, RefusedScenario } from '../conformance-scenario.js';
import { BASICS } from './basics.js';
import { GATEWAYS } from './gateways.js';
import { LOOPS } from './loops.js';
import { MESSAGES } from './messages.js';
import { SIGNALS } from './signals.js';
import { SUB_PROCESSES } from './sub-processes.js';
import { TASKS_AND_MAPPINGS } from './tasks-and-mappings.js';
import { THROW_AND_CATCH } from './throw-and-catch.js';
import { REFUSED_TIMERS, TIMERS } from './timers.js';

/** Every executed behavior, by area. */
export const SCENARIOS: Record<string, ConformanceScenario[]> = {
  basics: BASICS,
  messages: MESSAGES,
  timers: TIMERS,
  signals: SIGNALS,
  'errors, escalations, terminate and links': THROW_AND_CATCH,
  gateways: GATEWAYS,
  'sub-processes and call activities': SUB_PROCESSES,
  'multi-instance and loops': LOOPS,
  'tasks and mappings': TASKS_AND_MAPPINGS,
};

/** Models deploy must refuse. */
export const REFUSED: RefusedScenario[] = [...REFUSED_TIMERS];
