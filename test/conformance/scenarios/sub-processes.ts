import { advance, check, complete, completeCall, correlate, fire, signal, type ConformanceScenario } from '../conformance-scenario.js';

/** Embedded and event sub-processes, and call activities (at engine level: the effect it emits and its completion). */
export const SUB_PROCESSES: ConformanceScenario[] = [
  {
    name: 'an embedded sub-process is a scope: its token starts at its own start event, its locals end with it',
    model: 'embedded-sub-process',
    steps: [check({ waiting: ['diagnosis', 'collect'] }), complete('collect'), complete('analyze', { attempts: 1, finding: 'router' })],
    then: { path: ['start', 'diagnosis', 's', 'collect', 'analyze', 'e', 'solve'], waiting: ['solve'], variables: { finding: 'router' } },
  },
  {
    name: 'an interrupting boundary timer on a sub-process cancels everything inside it, join arrivals included',
    model: 'sub-process-boundary-timer',
    steps: [complete('collect'), advance('P1D'), fire('tooLong')],
    then: { path: ['start', 'diagnosis', 's', 'fork', 'collect', 'analyze', 'tooLong', 'escalate'], canceled: ['analyze', 'diagnosis'], waiting: ['escalate'] },
  },
  {
    name: 'an interrupting timer event sub-process cancels the rest of its scope and runs instead',
    model: 'event-sub-process-timer-interrupting',
    steps: [
      check({ timers: [{ elementId: 'afterTwoDays', dueAt: '2026-03-04T09:00:00.000Z' }] }),
      advance('P2D'),
      fire('afterTwoDays'),
      check({ path: ['start', 'work', 'timeout', 'afterTwoDays', 'closeStale'], canceled: ['work'], waiting: ['timeout', 'closeStale'], timers: [] }),
      complete('closeStale'),
    ],
    then: { status: 'completed', waiting: [] },
  },
  {
    name: 'an interrupting event sub-process inside an embedded sub-process ends only that sub-process, which then completes',
    model: 'event-sub-process-in-sub-process',
    steps: [
      check({ timers: [{ elementId: 'afterEightHours', dueAt: '2026-03-02T17:00:00.000Z' }] }),
      advance('PT8H'),
      fire('afterEightHours'),
      check({ canceled: ['work'], waiting: ['handleCase', 'shiftEnd', 'handOver'] }),
      complete('handOver'),
    ],
    then: { path: ['start', 'handleCase', 's', 'work', 'shiftEnd', 'afterEightHours', 'handOver', 'he', 'closeCase'], waiting: ['closeCase'], timers: [] },
  },
  {
    name: 'a non-interrupting timer event sub-process (timeCycle) runs beside its scope each time, and the instance waits for it',
    model: 'event-sub-process-timer-non-interrupting',
    steps: [
      advance('P1D'),
      fire('everyDay'),
      check({ timers: [{ elementId: 'everyDay', dueAt: '2026-03-04T09:00:00.000Z' }] }),
      advance('P1D'),
      fire('everyDay'),
      complete('work'),
    ],
    then: {
      path: ['start', 'work', 'reminders', 'everyDay', 'remind', 'reminders', 'everyDay', 'remind', 'end'],
      canceled: [],
      waiting: ['reminders', 'remind', 'reminders', 'remind'],
      timers: [],
      status: 'active',
    },
  },
  {
    name: 'an interrupting message event sub-process cancels the rest of its scope',
    model: 'event-sub-process-message-interrupting',
    start: { variables: { caseId: 'C-7' } },
    steps: [
      check({ subscriptions: [{ elementId: 'withdrawn', eventType: 'message', name: 'request-withdrawn', correlationKey: 'C-7' }] }),
      correlate('withdrawn', { reason: 'solved elsewhere' }),
    ],
    then: {
      path: ['start', 'work', 'withdrawal', 'withdrawn', 'confirmWithdrawal'],
      canceled: ['work'],
      waiting: ['withdrawal', 'confirmWithdrawal'],
      subscriptions: [],
      variables: { caseId: 'C-7', reason: 'solved elsewhere' },
    },
  },
  {
    name: 'a non-interrupting message event sub-process starts for every message while the process goes on',
    model: 'event-sub-process-message-non-interrupting',
    start: { variables: { caseId: 'C-7' } },
    steps: [correlate('noteArrived', { note: 'first' }), correlate('noteArrived', { note: 'second' })],
    then: {
      path: ['start', 'work', 'notes', 'noteArrived', 'readNote', 'notes', 'noteArrived', 'readNote'],
      canceled: [],
      waiting: ['work', 'notes', 'readNote', 'notes', 'readNote'],
      subscriptions: [{ elementId: 'noteArrived', eventType: 'message', name: 'customer-note', correlationKey: 'C-7' }],
    },
  },
  {
    name: 'an interrupting signal event sub-process cancels the rest of its scope when the signal is broadcast',
    model: 'event-sub-process-signal-interrupting',
    steps: [signal('service-shutdown')],
    then: { path: ['start', 'work', 'shutdown', 'shutdownStart', 'informCustomer'], canceled: ['work'], waiting: ['shutdown', 'informCustomer'], subscriptions: [] },
  },
  {
    name: 'a non-interrupting signal event sub-process starts when the signal is broadcast',
    model: 'event-sub-process-signal',
    steps: [signal('network-outage')],
    then: { path: ['start', 'work', 'outage', 'outageStart', 'notifyCustomer'], canceled: [], waiting: ['work', 'outage', 'notifyCustomer'] },
  },
  {
    name: 'a call activity (latest binding) starts the called process with every visible variable and the business key, and waits for it',
    model: 'call-activity-latest',
    start: { variables: { customerId: 'C-1' }, businessKey: 'C-1' },
    steps: [
      check({
        waiting: ['handleComplaint'],
        effects: [{ kind: 'callActivityStarted', elementId: 'handleComplaint', processKey: 'complaint', binding: 'latest', variables: { customerId: 'C-1' }, businessKey: 'C-1' }],
      }),
      completeCall('handleComplaint', { resolution: 'refund' }),
    ],
    then: {
      path: ['start', 'handleComplaint', 'close'],
      waiting: ['close'],
      variables: { customerId: 'C-1', resolution: 'refund' },
      effects: [{ kind: 'callActivityClosed', outcome: 'completed' }],
    },
  },
  {
    name: 'a call activity can pin the version of the called process',
    model: 'call-activity-pinned-version',
    then: { waiting: ['handleComplaint'], effects: [{ kind: 'callActivityStarted', processKey: 'complaint', binding: { version: 2 } }] },
  },
  {
    name: 'a call activity that does not propagate all variables passes only its input mappings; its output mappings take the result back',
    model: 'call-activity-mapping',
    start: { variables: { order: { total: 120 }, customer: { id: 'C-1' }, internalNote: 'stays here' } },
    steps: [
      check({ effects: [{ kind: 'callActivityStarted', processKey: 'refund-process', variables: { amount: 120, customerId: 'C-1' } }] }),
      completeCall('refund', { id: 'R-9', auditTrail: ['created'] }),
    ],
    then: {
      path: ['start', 'refund', 'inform'],
      waiting: ['inform'],
      variables: { order: { total: 120 }, customer: { id: 'C-1' }, internalNote: 'stays here', refundId: 'R-9' },
    },
  },
  {
    name: 'a call activity passes the instance business key down, or the one its FEEL expression yields',
    model: 'call-activity-business-key',
    start: { variables: { orderId: 'A-42' }, businessKey: 'C-1' },
    steps: [check({ effects: [{ kind: 'callActivityStarted', elementId: 'perCustomer', businessKey: 'C-1' }] }), completeCall('perCustomer')],
    then: { waiting: ['perOrder'], effects: [{ kind: 'callActivityStarted', elementId: 'perOrder', processKey: 'order-care', businessKey: 'order-A-42' }] },
  },
  {
    name: 'a boundary timer on a call activity cancels it; the app cancels the child instance',
    model: 'call-activity-boundary-timer',
    steps: [advance('P5D'), fire('tooSlow')],
    then: {
      path: ['start', 'investigate', 'tooSlow', 'escalate'],
      canceled: ['investigate'],
      waiting: ['escalate'],
      effects: [{ kind: 'callActivityClosed', outcome: 'canceled' }],
    },
  },
];
