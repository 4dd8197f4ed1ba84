import { check, complete, setVariables, type ConformanceScenario, type RefusedScenario } from '../conformance-scenario.js';

/**
 * Conditional events: a FEEL condition evaluated when the event starts waiting and whenever a
 * command changes variables; the event fires when the condition turns true.
 */
export const CONDITIONAL_EVENTS: ConformanceScenario[] = [
  {
    name: "a conditional catch event waits until a command's variables make its condition true",
    model: 'conditional-intermediate-catch',
    start: { variables: { approved: false } },
    steps: [check({ waiting: ['update', 'approved'] }), complete('update', { approved: true })],
    then: { path: ['start', 'fork', 'update', 'approved', 'updated', 'ship'], waiting: ['ship'] },
  },
  {
    name: 'a conditional catch event whose condition holds when the token arrives passes at once',
    model: 'conditional-intermediate-catch',
    start: { variables: { approved: true } },
    then: { path: ['start', 'fork', 'update', 'approved', 'ship'], waiting: ['update', 'ship'] },
  },
  {
    name: 'an interrupting conditional boundary event cancels its activity when the condition turns true',
    model: 'conditional-boundary-interrupting',
    start: { variables: { amount: 300 } },
    steps: [complete('update', { amount: 4000 })],
    then: { path: ['start', 'fork', 'update', 'handle', 'updated', 'overLimit', 'manager'], canceled: ['handle'], waiting: ['manager'] },
  },
  {
    name: 'a non-interrupting conditional boundary event fires each time its condition turns true, not while it stays true',
    model: 'conditional-boundary-non-interrupting',
    start: { variables: { tier: 'silver' } },
    steps: [
      complete('update', { tier: 'gold' }),
      complete('update', { tier: 'gold' }),
      check({ waiting: ['update', 'handle', 'informAccountManager'] }),
      complete('update', { tier: 'silver' }),
      complete('update', { tier: 'gold' }),
    ],
    then: { waiting: ['update', 'handle', 'informAccountManager', 'informAccountManager'], canceled: [] },
  },
  {
    name: "an interrupting conditional event sub-process takes over when an operator's change makes its condition true",
    model: 'event-sub-process-conditional-interrupting',
    start: { variables: { risk: 0.2 } },
    steps: [check({ waiting: ['handle'] }), setVariables({ risk: 0.95 })],
    then: { path: ['start', 'handle', 'onRisk', 'risky', 'review'], canceled: ['handle'], waiting: ['onRisk', 'review'] },
  },
  {
    name: 'a non-interrupting conditional event sub-process starts beside the process when its condition turns true',
    model: 'event-sub-process-conditional-non-interrupting',
    start: { variables: { risk: 0.2 } },
    steps: [setVariables({ risk: 0.95 })],
    then: { path: ['start', 'handle', 'onRisk', 'risky', 'review'], canceled: [], waiting: ['handle', 'onRisk', 'review'] },
  },
];

export const REFUSED_CONDITIONAL_EVENTS: RefusedScenario[] = [
  {
    name: 'a conditional start event at the process level is refused at deploy: it starts only an event sub-process',
    model: 'conditional-start-event',
    refused: [{ elementId: 'start', rule: 'start-event' }],
  },
];
