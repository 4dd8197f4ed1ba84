import { advance, check, claim, complete, completeExternal, fire, type ConformanceScenario } from '../conformance-scenario.js';

/** Sequence flows, tasks, exclusive and parallel gateways, boundary timers with a duration. */
export const BASICS: ConformanceScenario[] = [
  {
    name: 'a none start event leads to a none end event and the instance completes',
    model: 'none-start-end',
    then: { path: ['start', 'end'], status: 'completed', waiting: [] },
  },
  {
    name: 'a user task waits for a person, who claims it and completes it with variables',
    model: 'user-task',
    steps: [
      check({ waiting: ['review'], effects: [{ kind: 'taskCreated', task: { elementId: 'review', candidateGroups: ['agents'] } }] }),
      claim('review', 'ann'),
      complete('review', { approved: true }),
    ],
    then: {
      path: ['start', 'review', 'end'],
      status: 'completed',
      variables: { approved: true },
      effects: [
        { kind: 'taskUpdated', state: 'claimed', assignee: 'ann' },
        { kind: 'taskClosed', outcome: 'completed' },
      ],
    },
  },
  {
    name: 'a service task is an external task: a worker fetches it by topic and completes it',
    model: 'service-task',
    steps: [
      check({ waiting: ['lookUp'], effects: [{ kind: 'externalTaskCreated', externalTask: { elementId: 'lookUp', topic: 'crm-lookup', retries: 3 } }] }),
      completeExternal('lookUp', { tier: 'gold' }),
    ],
    then: { path: ['start', 'lookUp', 'end'], status: 'completed', variables: { tier: 'gold' }, effects: [{ kind: 'externalTaskClosed', outcome: 'completed' }] },
  },
  {
    name: 'an undefined task and a manual task pass at once',
    model: 'pass-through-tasks',
    then: { path: ['start', 'note', 'file', 'end'], status: 'completed' },
  },
  {
    name: 'a none intermediate throw event is a milestone the token passes',
    model: 'none-intermediate-throw',
    then: { path: ['start', 'requestLogged', 'triage'], waiting: ['triage'] },
  },
  {
    name: 'an exclusive gateway takes the flow whose condition holds',
    model: 'exclusive-gateway',
    start: { variables: { priority: 'high' } },
    then: { path: ['start', 'tier', 'specialist'], waiting: ['specialist'] },
  },
  {
    name: 'an exclusive gateway takes its default flow when no condition holds',
    model: 'exclusive-gateway',
    start: { variables: { priority: 'normal' } },
    then: { path: ['start', 'tier', 'firstLevel'], waiting: ['firstLevel'] },
  },
  {
    name: 'an exclusive gateway without a true condition or a default flow refuses the step (GATEWAY_NO_MATCH)',
    model: 'exclusive-gateway-no-match',
    start: { variables: { priority: 'normal' } },
    steps: [complete('register', undefined, { fails: 'GATEWAY_NO_MATCH' })],
    then: { path: ['start', 'register'], waiting: ['register'] },
  },
  {
    name: 'a parallel gateway forks into every branch and its join waits for all of them',
    model: 'parallel-gateway',
    steps: [check({ waiting: ['checkContract', 'checkPayment'] }), complete('checkContract'), check({ waiting: ['checkPayment'] }), complete('checkPayment')],
    then: { path: ['start', 'fork', 'checkContract', 'checkPayment', 'join', 'decide'], waiting: ['decide'] },
  },
  {
    name: 'a task carries its lane, so hand-offs between lanes can be measured',
    model: 'lanes-and-hand-offs',
    steps: [complete('triage')],
    then: {
      path: ['start', 'triage', 'solve'],
      effects: [
        { kind: 'taskCreated', task: { elementId: 'triage', laneId: 'firstLevel' } },
        { kind: 'taskCreated', task: { elementId: 'solve', laneId: 'secondLevel' } },
      ],
    },
  },
  {
    name: 'an interrupting boundary timer (duration) cancels its task when it fires',
    model: 'boundary-timer-interrupting',
    steps: [check({ timers: [{ elementId: 'slaBreached', dueAt: '2026-03-02T13:00:00.000Z' }] }), advance('PT4H'), fire('slaBreached')],
    then: {
      path: ['start', 'answer', 'slaBreached', 'escalate'],
      canceled: ['answer'],
      waiting: ['escalate'],
      timers: [],
      effects: [{ kind: 'taskClosed', outcome: 'canceled' }],
    },
  },
  {
    name: 'a boundary timer is canceled when its task completes first',
    model: 'boundary-timer-interrupting',
    steps: [complete('answer')],
    then: { path: ['start', 'answer', 'answered'], status: 'completed', timers: [], effects: [{ kind: 'timerCanceled' }] },
  },
  {
    name: 'a non-interrupting boundary timer starts a path beside its task, which keeps waiting',
    model: 'boundary-timer-non-interrupting',
    steps: [
      advance('PT2H'),
      fire('reminder'),
      check({ path: ['start', 'answer', 'reminder', 'nudge'], waiting: ['answer', 'nudge'], canceled: [], timers: [] }),
      completeExternal('nudge'),
      complete('answer'),
    ],
    then: { path: ['start', 'answer', 'reminder', 'nudge', 'nudged', 'answered'], status: 'completed' },
  },
];
