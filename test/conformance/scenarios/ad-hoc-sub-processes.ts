import { advance, check, complete, fire, type ConformanceScenario, type RefusedScenario } from '../conformance-scenario.js';

/** Ad-hoc sub-processes (Camunda 8's BPMN implementation): activated by a collection on entry, completed when done. */
export const AD_HOC_SUB_PROCESSES: ConformanceScenario[] = [
  {
    name: 'an ad-hoc sub-process activates the elements its collection names and completes once they and what follows them completed',
    model: 'ad-hoc-sub-process',
    start: { variables: { channels: ['call', 'email'] } },
    steps: [check({ waiting: ['contactCustomer', 'call', 'email'] }), complete('email'), complete('call'), check({ waiting: ['contactCustomer', 'logCall'] }), complete('logCall')],
    then: { path: ['start', 'contactCustomer', 'call', 'email', 'logCall', 'closeCase'], waiting: ['closeCase'] },
  },
  {
    name: 'an ad-hoc sub-process whose collection is empty activates nothing and waits (as in Camunda 8)',
    model: 'ad-hoc-sub-process',
    start: { variables: { channels: [] } },
    then: { path: ['start', 'contactCustomer'], waiting: ['contactCustomer'] },
  },
  {
    name: 'an ad-hoc sub-process completes when its completion condition holds after a path ends, cancelling the rest (a Camunda 8 model)',
    model: 'ad-hoc-completion-condition',
    steps: [complete('email', { reached: false }), check({ waiting: ['contactCustomer', 'call', 'sms'] }), complete('sms', { reached: true })],
    then: { path: ['start', 'contactCustomer', 'call', 'email', 'sms', 'closeCase'], canceled: ['call'], waiting: ['closeCase'], variables: { reached: true } },
  },
  {
    name: 'with cancelRemainingInstances="false" an ad-hoc sub-process whose condition holds waits for what is still active',
    model: 'ad-hoc-wait-for-remaining',
    start: { variables: { channels: ['call', 'email'] } },
    steps: [complete('call', { reached: true }), check({ waiting: ['contactCustomer', 'email'] }), complete('email')],
    then: { path: ['start', 'contactCustomer', 'call', 'email', 'closeCase'], canceled: [], waiting: ['closeCase'] },
  },
  {
    name: 'an ad-hoc sub-process whose condition does not hold keeps waiting; a boundary timer on it cancels it',
    model: 'ad-hoc-wait-for-remaining',
    start: { variables: { channels: ['call'] } },
    steps: [complete('call', { reached: false }), check({ waiting: ['contactCustomer'] }), advance('P2D'), fire('noAnswer')],
    then: { path: ['start', 'contactCustomer', 'call', 'noAnswer', 'sendLetter'], canceled: ['contactCustomer'], waiting: ['sendLetter'] },
  },
];

export const REFUSED_AD_HOC_SUB_PROCESSES: RefusedScenario[] = [
  {
    name: 'an ad-hoc sub-process with a start event inside or sequential ordering is refused',
    model: 'ad-hoc-sub-process-refused',
    refused: [
      { elementId: 's', rule: 'ad-hoc-sub-process' },
      { elementId: 'contactCustomer', rule: 'ad-hoc-sub-process' },
    ],
  },
];
