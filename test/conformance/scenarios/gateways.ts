import { advance, check, complete, completeExternal, correlate, fire, type ConformanceScenario } from '../conformance-scenario.js';

/** Inclusive and event-based gateways (exclusive and parallel ones are among the basics). */
export const GATEWAYS: ConformanceScenario[] = [
  {
    name: 'an inclusive gateway takes every flow whose condition holds, and its join waits for each of them',
    model: 'inclusive-gateway',
    start: { variables: { email: 'ann@example.com', phone: '+49 30 1234' } },
    steps: [check({ waiting: ['sendEmail', 'sendSms'] }), completeExternal('sendEmail'), check({ waiting: ['sendSms'] }), completeExternal('sendSms')],
    then: { path: ['start', 'channels', 'sendEmail', 'sendSms', 'sent', 'confirm'], waiting: ['confirm'] },
  },
  {
    name: 'an inclusive join fires as soon as the fewer branches that were taken arrived',
    model: 'inclusive-gateway',
    start: { variables: { email: 'ann@example.com' } },
    steps: [check({ waiting: ['sendEmail'] }), completeExternal('sendEmail')],
    then: { path: ['start', 'channels', 'sendEmail', 'sent', 'confirm'], waiting: ['confirm'] },
  },
  {
    name: 'an inclusive gateway takes its default flow when no condition holds',
    model: 'inclusive-gateway',
    steps: [completeExternal('sendLetter')],
    then: { path: ['start', 'channels', 'sendLetter', 'sent', 'confirm'], waiting: ['confirm'] },
  },
  {
    name: 'an inclusive join stops waiting for a branch that ended elsewhere and fires with the branch that arrived',
    model: 'inclusive-gateway-branch-ends-early',
    steps: [complete('a'), check({ waiting: ['b'] }), complete('b', { keep: false })],
    then: { path: ['start', 'fork', 'a', 'b', 'needed', 'dropped', 'join', 'after'], waiting: ['after'] },
  },
  {
    name: 'an event-based gateway takes the path of the message when it arrives before the timer',
    model: 'event-based-gateway',
    start: { variables: { caseId: 'C-7' } },
    steps: [
      check({
        waiting: ['race'],
        timers: [{ elementId: 'noReply', dueAt: '2026-03-05T09:00:00.000Z' }],
        subscriptions: [{ elementId: 'reply', eventType: 'message', name: 'customer-reply', correlationKey: 'C-7' }],
      }),
      correlate('reply', { text: 'it works again' }),
    ],
    then: {
      path: ['start', 'race', 'reply', 'process'],
      waiting: ['process'],
      timers: [],
      subscriptions: [],
      variables: { caseId: 'C-7', text: 'it works again' },
      effects: [{ kind: 'timerCanceled' }],
    },
  },
  {
    name: 'an event-based gateway takes the path of the timer when it fires before the message',
    model: 'event-based-gateway',
    start: { variables: { caseId: 'C-7' } },
    steps: [advance('P3D'), fire('noReply')],
    then: {
      path: ['start', 'race', 'noReply', 'closeUnanswered'],
      waiting: ['closeUnanswered'],
      timers: [],
      subscriptions: [],
      effects: [{ kind: 'subscriptionClosed', outcome: 'canceled', subscription: { elementId: 'reply' } }],
    },
  },
];
