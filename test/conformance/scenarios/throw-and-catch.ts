import { check, complete, completeExternal, type ConformanceScenario } from '../conformance-scenario.js';

/** Errors, escalations, terminate end events and links: what is thrown inside a scope and where it lands. */
export const THROW_AND_CATCH: ConformanceScenario[] = [
  {
    name: 'an error end event is caught by the error boundary event with its code, which cancels the sub-process',
    model: 'error-boundary-by-code',
    start: { variables: { stock: 0 } },
    steps: [complete('checkStock')],
    then: {
      path: ['start', 'checkOrder', 's', 'checkStock', 'inStock', 'noStock', 'outOfStock', 'backorder'],
      canceled: ['checkOrder'],
      waiting: ['backorder'],
    },
  },
  {
    name: 'a sub-process that throws no error completes and its error boundary event is never used',
    model: 'error-boundary-by-code',
    start: { variables: { stock: 4 } },
    steps: [complete('checkStock')],
    then: { path: ['start', 'checkOrder', 's', 'checkStock', 'inStock', 'e', 'ship'], canceled: [], waiting: ['ship'] },
  },
  {
    name: 'a catch-all error boundary event (no code) catches an error no other boundary event names',
    model: 'error-boundary-catch-all',
    start: { variables: { stock: 3, credit: -5 } },
    steps: [complete('check')],
    then: { path: ['start', 'checkOrder', 's', 'check', 'verdict', 'noCredit', 'anyError', 'handleFailure'], canceled: ['checkOrder'], waiting: ['handleFailure'] },
  },
  {
    name: 'an error boundary event with the thrown code wins over a catch-all beside it',
    model: 'error-boundary-catch-all',
    start: { variables: { stock: 0, credit: 10 } },
    steps: [complete('check')],
    then: { path: ['start', 'checkOrder', 's', 'check', 'verdict', 'noStock', 'outOfStock', 'backorder'], canceled: ['checkOrder'], waiting: ['backorder'] },
  },
  {
    name: 'an error nobody catches refuses the step (ERROR_NOT_CAUGHT) and changes nothing: the app raises an incident',
    model: 'error-not-caught',
    steps: [complete('check', undefined, { fails: 'ERROR_NOT_CAUGHT' })],
    then: { path: ['start', 'check'], waiting: ['check'], status: 'active' },
  },
  {
    name: 'an error propagates outwards scope by scope to the nearest catch with its code',
    model: 'error-propagates-outwards',
    steps: [complete('work')],
    then: { path: ['start', 'outer', 's0', 'inner', 's1', 'work', 'fail', 'broken', 'repair'], canceled: ['inner', 'outer'], waiting: ['repair'] },
  },
  {
    name: 'an error start event of an event sub-process catches the error inside its scope; the scope completes after it',
    model: 'event-sub-process-error-start',
    steps: [
      completeExternal('charge', { approved: false }),
      check({ path: ['start', 'payment', 's', 'charge', 'paid', 'declined', 'onDeclined', 'declinedStart', 'callCustomer'], waiting: ['payment', 'onDeclined', 'callCustomer'] }),
      complete('callCustomer'),
    ],
    then: { path: ['start', 'payment', 's', 'charge', 'paid', 'declined', 'onDeclined', 'declinedStart', 'callCustomer', 'de', 'ship'], waiting: ['ship'] },
  },
  {
    name: 'an escalation caught by a non-interrupting boundary event starts a path beside the sub-process; the thrower goes on',
    model: 'escalation-throw-non-interrupting',
    steps: [complete('triage')],
    then: {
      path: ['start', 'handleCase', 's', 'triage', 'vip', 'informManager', 'resolve', 'managerCall'],
      canceled: [],
      waiting: ['handleCase', 'resolve', 'managerCall'],
    },
  },
  {
    name: 'an escalation caught by an interrupting boundary event cancels the sub-process, the thrower with it',
    model: 'escalation-throw-interrupting',
    steps: [complete('triage')],
    then: { path: ['start', 'handleCase', 's', 'triage', 'vip', 'handOver', 'managerHandles'], canceled: ['handleCase'], waiting: ['managerHandles'] },
  },
  {
    name: 'an escalation end event is caught by a catch-all escalation boundary event',
    model: 'escalation-end-catch-all',
    steps: [complete('attempt', { solved: false })],
    then: { path: ['start', 'firstLevel', 's', 'attempt', 'solved', 'giveUp', 'anyEscalation', 'secondLevel'], canceled: ['firstLevel'], waiting: ['secondLevel'] },
  },
  {
    name: 'an escalation nobody catches is reported and the instance goes on',
    model: 'escalation-not-caught',
    steps: [complete('triage')],
    then: { path: ['start', 'triage', 'vip', 'resolve'], waiting: ['resolve'], effects: [{ kind: 'escalationUncaught', escalationCode: 'VIP', elementId: 'vip' }] },
  },
  {
    name: "an escalation start event of an interrupting event sub-process takes over the thrower's scope: the thrower's token ends there",
    model: 'event-sub-process-escalation-interrupting',
    steps: [complete('triage')],
    then: { path: ['start', 'triage', 'vip', 'vipTakeover', 'vipStart', 'managerHandles'], canceled: [], waiting: ['vipTakeover', 'managerHandles'] },
  },
  {
    name: 'an escalation start event of a non-interrupting event sub-process starts it beside the process',
    model: 'event-sub-process-escalation-non-interrupting',
    steps: [complete('triage')],
    then: { path: ['start', 'triage', 'vip', 'vipHandling', 'vipStart', 'resolve', 'informManager'], canceled: [], waiting: ['vipHandling', 'informManager', 'resolve'] },
  },
  {
    name: 'a terminate end event inside a sub-process ends only the sub-process, canceling its other tokens; the process goes on',
    model: 'terminate-end-in-sub-process',
    steps: [complete('callCustomer')],
    then: {
      path: ['start', 'gatherInfo', 's', 'fork', 'callCustomer', 'emailCustomer', 'enough', 'diagnose'],
      canceled: ['emailCustomer'],
      waiting: ['diagnose'],
      status: 'active',
    },
  },
  {
    name: 'a terminate end event at the process level completes the instance, canceling its other tokens',
    model: 'terminate-end-at-process-level',
    steps: [complete('callCustomer')],
    then: { path: ['start', 'fork', 'callCustomer', 'emailCustomer', 'done'], canceled: ['emailCustomer'], waiting: [], status: 'completed' },
  },
  {
    name: 'a link throw event continues at the link catch event of the same name',
    model: 'link-events',
    steps: [complete('register')],
    then: { path: ['start', 'register', 'toReview', 'fromRegister', 'review'], waiting: ['review'] },
  },
];
