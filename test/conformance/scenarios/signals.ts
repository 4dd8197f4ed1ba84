import { check, complete, signal, type ConformanceScenario } from '../conformance-scenario.js';

/** Signal start, catch, throw, end and boundary events. The app broadcasts a thrown signal as `receiveSignal` to every instance waiting for it. */
export const SIGNALS: ConformanceScenario[] = [
  {
    name: 'a signal start event starts the instance with the signal variables',
    model: 'signal-start-event',
    start: { startEventId: 'outage', variables: { region: 'north' } },
    then: { path: ['outage', 'informCustomers'], waiting: ['informCustomers'], variables: { region: 'north' } },
  },
  {
    name: 'a signal intermediate catch event waits until the signal is broadcast',
    model: 'signal-intermediate-catch',
    steps: [check({ waiting: ['recall'], subscriptions: [{ elementId: 'recall', eventType: 'signal', name: 'product-recall' }] }), signal('product-recall', { batch: 'B12' })],
    then: { path: ['start', 'recall', 'inform'], waiting: ['inform'], subscriptions: [], variables: { batch: 'B12' } },
  },
  {
    name: 'a signal nobody in the instance waits for is refused (SUBSCRIPTION_NOT_ACTIVE)',
    model: 'signal-intermediate-catch',
    steps: [{ do: 'signal', name: 'network-outage', fails: 'SUBSCRIPTION_NOT_ACTIVE' }],
    then: { waiting: ['recall'] },
  },
  {
    name: 'a signal intermediate throw event broadcasts the signal with its input mappings as variables and goes on',
    model: 'signal-intermediate-throw',
    start: { variables: { area: 'north', internalNote: 'not for broadcast' } },
    then: {
      path: ['start', 'announce', 'wrapUp'],
      waiting: ['wrapUp'],
      effects: [{ kind: 'signalThrown', name: 'outage-over', elementId: 'announce', variables: { region: 'north' } }],
    },
  },
  {
    name: 'a signal end event broadcasts the signal and ends its path',
    model: 'signal-end-event',
    steps: [complete('fix')],
    then: { path: ['start', 'fix', 'allClear'], status: 'completed', effects: [{ kind: 'signalThrown', name: 'outage-over', elementId: 'allClear', variables: {} }] },
  },
  {
    name: 'an interrupting signal boundary event cancels its task',
    model: 'signal-boundary-interrupting',
    steps: [signal('network-outage')],
    then: { path: ['start', 'investigate', 'outage', 'waitForFix'], canceled: ['investigate'], waiting: ['waitForFix'], subscriptions: [] },
  },
  {
    name: 'a non-interrupting signal boundary event starts a path beside its task and keeps listening',
    model: 'signal-boundary-non-interrupting',
    steps: [signal('network-outage')],
    then: {
      path: ['start', 'investigate', 'outage', 'notifyCustomer'],
      waiting: ['investigate', 'notifyCustomer'],
      canceled: [],
      subscriptions: [{ elementId: 'outage', eventType: 'signal', name: 'network-outage' }],
    },
  },
];
