import { advance, check, fire, type ConformanceScenario, type RefusedScenario } from '../conformance-scenario.js';

/** Timer start, catch and boundary events with timeDuration, timeDate and timeCycle. The clock starts at 2026-03-02T09:00Z. */
export const TIMERS: ConformanceScenario[] = [
  {
    name: 'a timer start event with a timeDate is due once, at that date, and starts the instance there',
    model: 'timer-start-time-date',
    start: { startEventId: 'campaignStart', timer: { due: ['2026-04-01T08:00:00.000Z'] } },
    then: { path: ['campaignStart', 'callCustomers'], waiting: ['callCustomers'] },
  },
  {
    name: 'a timer start event with a timeCycle (R3/PT1H) is due as often as it repeats, then stops',
    model: 'timer-start-time-cycle',
    start: { startEventId: 'hourly', timer: { due: ['2026-03-02T10:00:00.000Z', '2026-03-02T11:00:00.000Z', '2026-03-02T12:00:00.000Z'] } },
    then: { path: ['hourly', 'pollInbox'], waiting: ['pollInbox'] },
  },
  {
    name: 'a timer start event with an unbounded timeCycle from a start date (R/start/P1D) is due every day from then on',
    model: 'timer-start-time-cycle-unbounded',
    start: { startEventId: 'daily', timer: { due: ['2026-03-03T06:00:00.000Z', '2026-03-04T06:00:00.000Z', '2026-03-05T06:00:00.000Z'], endless: true } },
    then: { path: ['daily', 'report'], waiting: ['report'] },
  },
  {
    name: 'an intermediate timer catch event (timeDuration) waits that long, then the token goes on',
    model: 'timer-catch-duration',
    steps: [check({ waiting: ['coolOff'], timers: [{ elementId: 'coolOff', dueAt: '2026-03-04T13:00:00.000Z' }] }), advance('P2DT4H'), fire('coolOff')],
    then: { path: ['start', 'coolOff', 'followUp'], waiting: ['followUp'], timers: [] },
  },
  {
    name: 'an intermediate timer catch event (timeDate from FEEL) waits until that date',
    model: 'timer-catch-time-date',
    start: { variables: { callbackAt: '2026-03-05T14:30:00+01:00' } },
    steps: [check({ timers: [{ elementId: 'callBack', dueAt: '2026-03-05T13:30:00.000Z' }] }), fire('callBack')],
    then: { path: ['start', 'callBack', 'call'], waiting: ['call'], timers: [] },
  },
  {
    name: 'an interrupting boundary timer (timeDate from FEEL) cancels its task at that date',
    model: 'timer-boundary-time-date',
    start: { variables: { deadline: '2026-03-03T17:00:00Z' } },
    steps: [check({ timers: [{ elementId: 'deadline', dueAt: '2026-03-03T17:00:00.000Z' }] }), advance('PT32H'), fire('deadline')],
    then: { path: ['start', 'answer', 'deadline', 'apologize'], canceled: ['answer'], waiting: ['apologize'], timers: [] },
  },
  {
    name: 'an interrupting boundary timer with a timeCycle fires once, at its first tick (Camunda 8 refuses it)',
    model: 'timer-boundary-time-cycle-interrupting',
    steps: [check({ timers: [{ elementId: 'firstTick', dueAt: '2026-03-02T10:00:00.000Z' }] }), advance('PT1H'), fire('firstTick')],
    then: { path: ['start', 'answer', 'firstTick', 'escalate'], canceled: ['answer'], waiting: ['escalate'], timers: [] },
  },
  {
    name: 'a non-interrupting boundary timer (timeCycle R2/PT1H) fires as often as it repeats while its task waits on',
    model: 'timer-boundary-time-cycle',
    steps: [
      check({ timers: [{ elementId: 'everyHour', dueAt: '2026-03-02T10:00:00.000Z' }] }),
      advance('PT1H'),
      fire('everyHour'),
      check({ timers: [{ elementId: 'everyHour', dueAt: '2026-03-02T11:00:00.000Z' }] }),
      advance('PT1H'),
      fire('everyHour'),
    ],
    then: { path: ['start', 'answer', 'everyHour', 'remind', 'everyHour', 'remind'], waiting: ['answer', 'remind', 'remind'], canceled: [], timers: [] },
  },
  {
    name: 'a non-interrupting boundary timer with a cron cycle (weekdays 09:30 UTC) fires at each occurrence while its task waits on',
    model: 'timer-boundary-cron',
    steps: [
      check({ timers: [{ elementId: 'weekdayMornings', dueAt: '2026-03-02T09:30:00.000Z' }] }),
      advance('PT30M'),
      fire('weekdayMornings'),
      check({ timers: [{ elementId: 'weekdayMornings', dueAt: '2026-03-03T09:30:00.000Z' }] }),
      advance('P1D'),
      fire('weekdayMornings'),
      check({ timers: [{ elementId: 'weekdayMornings', dueAt: '2026-03-04T09:30:00.000Z' }] }),
    ],
    then: { path: ['start', 'answer', 'weekdayMornings', 'remind', 'weekdayMornings', 'remind'], waiting: ['answer', 'remind', 'remind'], canceled: [] },
  },
];

export const REFUSED_TIMERS: RefusedScenario[] = [
  {
    name: 'a timeCycle on an intermediate catch event is refused at deploy: a catch waits once (as in Camunda 8)',
    model: 'timer-catch-time-cycle',
    refused: [{ elementId: 'nextMorning', rule: 'timer-event' }],
  },
];
