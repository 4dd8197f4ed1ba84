import type { ConformanceScenario, RefusedScenario } from '../conformance-scenario.js';
import { AD_HOC_SUB_PROCESSES, REFUSED_AD_HOC_SUB_PROCESSES } from './ad-hoc-sub-processes.js';
import { BASICS } from './basics.js';
import { BPMN_ERRORS } from './bpmn-errors.js';
import { CAMUNDA_8, REFUSED_CAMUNDA_8 } from './camunda-8.js';
import { COMPENSATION, REFUSED_COMPENSATION } from './compensation.js';
import { CONDITIONAL_EVENTS, REFUSED_CONDITIONAL_EVENTS } from './conditional-events.js';
import { GATEWAYS } from './gateways.js';
import { LOOPS } from './loops.js';
import { MESSAGES } from './messages.js';
import { SIGNALS } from './signals.js';
import { SUB_PROCESSES } from './sub-processes.js';
import { REFUSED_MAPPINGS, TASKS_AND_MAPPINGS } from './tasks-and-mappings.js';
import { THROW_AND_CATCH } from './throw-and-catch.js';
import { REFUSED_TIMERS, TIMERS } from './timers.js';

/** Every executed behavior, by area. */
export const SCENARIOS: Record<string, ConformanceScenario[]> = {
  basics: BASICS,
  messages: MESSAGES,
  timers: TIMERS,
  signals: SIGNALS,
  'errors, escalations, terminate and links': THROW_AND_CATCH,
  'BPMN errors from workers and called instances': BPMN_ERRORS,
  'conditional events': CONDITIONAL_EVENTS,
  gateways: GATEWAYS,
  'sub-processes and call activities': SUB_PROCESSES,
  'ad-hoc sub-processes': AD_HOC_SUB_PROCESSES,
  compensation: COMPENSATION,
  'multi-instance and loops': LOOPS,
  'tasks and mappings': TASKS_AND_MAPPINGS,
  'Camunda 8 (zeebe:) models': CAMUNDA_8,
};

/** Models deploy must refuse. */
export const REFUSED: RefusedScenario[] = [
  ...REFUSED_TIMERS,
  ...REFUSED_MAPPINGS,
  ...REFUSED_CONDITIONAL_EVENTS,
  ...REFUSED_COMPENSATION,
  ...REFUSED_AD_HOC_SUB_PROCESSES,
  ...REFUSED_CAMUNDA_8,
];
