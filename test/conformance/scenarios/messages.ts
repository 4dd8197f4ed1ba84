import { advance, check, complete, completeExternal, correlate, fire, type ConformanceScenario } from '../conformance-scenario.js';

/** Message start, catch, throw, end and boundary events, and receive tasks. */
export const MESSAGES: ConformanceScenario[] = [
  {
    name: 'a message start event starts the instance with the message variables',
    model: 'message-start-event',
    start: { startEventId: 'requestReceived', variables: { customerId: 'C-1' } },
    then: { path: ['requestReceived', 'triage'], waiting: ['triage'], variables: { customerId: 'C-1' } },
  },
  {
    name: 'a message intermediate catch event waits for its message, keyed by the correlation key evaluated on entry',
    model: 'message-intermediate-catch',
    start: { variables: { caseId: 'C-7' } },
    steps: [
      complete('askCustomer'),
      check({ waiting: ['reply'], subscriptions: [{ elementId: 'reply', eventType: 'message', name: 'customer-reply', correlationKey: 'C-7' }] }),
      correlate('reply', { replyText: 'still broken' }),
    ],
    then: {
      path: ['start', 'askCustomer', 'reply', 'answer'],
      waiting: ['answer'],
      subscriptions: [],
      variables: { caseId: 'C-7', replyText: 'still broken' },
      effects: [{ kind: 'subscriptionClosed', outcome: 'correlated', subscription: { elementId: 'reply' } }],
    },
  },
  {
    name: 'a message end event is an external task: a worker delivers the message, then the path ends',
    model: 'message-end-event',
    steps: [
      complete('resolve'),
      check({ waiting: ['confirm'], effects: [{ kind: 'externalTaskCreated', externalTask: { elementId: 'confirm', topic: 'customer-mail' } }] }),
      completeExternal('confirm'),
    ],
    then: { path: ['start', 'resolve', 'confirm'], status: 'completed' },
  },
  {
    name: 'a message intermediate throw event is an external task; the token goes on once the worker delivered it',
    model: 'message-intermediate-throw',
    steps: [
      check({ waiting: ['acknowledge'], effects: [{ kind: 'externalTaskCreated', externalTask: { elementId: 'acknowledge', topic: 'customer-mail' } }] }),
      completeExternal('acknowledge'),
    ],
    then: { path: ['start', 'acknowledge', 'resolve'], waiting: ['resolve'] },
  },
  {
    name: 'an interrupting message boundary event cancels its task and takes its own path',
    model: 'message-boundary-interrupting',
    start: { variables: { caseId: 'C-7' } },
    steps: [
      check({ subscriptions: [{ elementId: 'withdrawn', eventType: 'message', name: 'request-withdrawn', correlationKey: 'C-7' }] }),
      correlate('withdrawn', { reason: 'solved elsewhere' }),
    ],
    then: {
      path: ['start', 'answer', 'withdrawn', 'closeCase'],
      canceled: ['answer'],
      waiting: ['closeCase'],
      subscriptions: [],
      variables: { caseId: 'C-7', reason: 'solved elsewhere' },
    },
  },
  {
    name: 'a non-interrupting message boundary event starts a path beside its task for every message',
    model: 'message-boundary-non-interrupting',
    start: { variables: { caseId: 'C-7' } },
    steps: [correlate('customerNote', { note: 'first' }), correlate('customerNote', { note: 'second' })],
    then: {
      path: ['start', 'answer', 'customerNote', 'readNote', 'customerNote', 'readNote'],
      waiting: ['answer', 'readNote', 'readNote'],
      canceled: [],
      subscriptions: [{ elementId: 'customerNote', eventType: 'message', name: 'customer-note', correlationKey: 'C-7' }],
      variables: { caseId: 'C-7', note: 'second' },
    },
  },
  {
    name: 'a receive task waits for its message and hands it back through its output mappings',
    model: 'receive-task',
    start: { variables: { caseId: 'C-7' } },
    steps: [
      check({ waiting: ['awaitDocuments'], subscriptions: [{ elementId: 'awaitDocuments', eventType: 'message', name: 'documents', correlationKey: 'C-7' }] }),
      correlate('awaitDocuments', { files: ['id.pdf', 'invoice.pdf'] }),
    ],
    then: { path: ['start', 'awaitDocuments', 'check'], waiting: ['check'], subscriptions: [], variables: { caseId: 'C-7', documentCount: 2 } },
  },
  {
    name: 'a receive task takes boundary events: a timer stops the wait and closes its subscription',
    model: 'receive-task-boundary-timer',
    start: { variables: { caseId: 'C-7' } },
    steps: [advance('P7D'), fire('giveUp')],
    then: {
      path: ['start', 'awaitDocuments', 'giveUp', 'closeIncomplete'],
      canceled: ['awaitDocuments'],
      waiting: ['closeIncomplete'],
      subscriptions: [],
      effects: [{ kind: 'subscriptionClosed', outcome: 'canceled', subscription: { elementId: 'awaitDocuments' } }],
    },
  },
];
