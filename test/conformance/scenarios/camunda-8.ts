import { check, complete, completeExternal, correlate, type ConformanceScenario, type RefusedScenario } from '../conformance-scenario.js';

/**
 * Models drawn the way Camunda Modeler saves them for Camunda 8 (zeebe: extensions only), one per
 * supported zeebe: element; docs/camunda-8-compatibility.md links each.
 */
export const CAMUNDA_8: ConformanceScenario[] = [
  {
    name: 'zeebe:taskDefinition makes a job: an external task of its type with its retries, completed by a worker',
    model: 'zeebe-job-worker',
    steps: [
      check({ waiting: ['checkOrder'], effects: [{ kind: 'externalTaskCreated', externalTask: { elementId: 'checkOrder', topic: 'check-order', retries: 5 } }] }),
      completeExternal('checkOrder', { valid: true }),
    ],
    then: { path: ['start', 'checkOrder', 'end'], status: 'completed', variables: { valid: true } },
  },
  {
    name: 'zeebe:ioMapping: a source without = is text, with = is FEEL; a none start event’s outputs map the start variables',
    model: 'zeebe-static-mapping',
    start: { variables: { city: 'berlin' } },
    steps: [completeExternal('fetchWeather', { body: { temp: 21 } })],
    then: { path: ['start', 'fetchWeather', 'end'], status: 'completed', variables: { city: 'berlin', channel: 'web', temperature: 21 } },
  },
  {
    name: 'a message throw or end event with zeebe:taskDefinition is a job of its type; the path goes on once a worker completes it',
    model: 'zeebe-message-throw-job',
    steps: [
      check({ waiting: ['sendConfirmation'], effects: [{ kind: 'externalTaskCreated', externalTask: { elementId: 'sendConfirmation', topic: 'send-confirmation', retries: 2 } }] }),
      completeExternal('sendConfirmation'),
      check({ waiting: ['notifyShipping'], effects: [{ kind: 'externalTaskCreated', externalTask: { elementId: 'notifyShipping', topic: 'notify-shipping', retries: 3 } }] }),
      completeExternal('notifyShipping'),
    ],
    then: { path: ['start', 'sendConfirmation', 'notifyShipping'], status: 'completed' },
  },
  {
    name: 'zeebe:subscription keys a message catch by its correlation key, FEEL evaluated on entry',
    model: 'zeebe-subscription',
    start: { variables: { orderId: 'O-7' } },
    steps: [
      check({ subscriptions: [{ elementId: 'paymentReceived', eventType: 'message', name: 'payment-received', correlationKey: 'O-7' }] }),
      correlate('paymentReceived', { paid: 120 }),
    ],
    then: { path: ['start', 'paymentReceived', 'end'], status: 'completed', variables: { orderId: 'O-7', paid: 120 } },
  },
  {
    // As in Zeebe, a job's variables with no output mapping also reach the process scope (the last item's `checked`).
    name: 'zeebe:loopCharacteristics runs one job per item of the input collection and collects the output element',
    model: 'zeebe-multi-instance',
    start: { variables: { items: ['A', 'B'] } },
    steps: [check({ waiting: ['checkItem (body)', 'checkItem'] }), completeExternal('checkItem', { checked: 'A ok' }), completeExternal('checkItem', { checked: 'B ok' })],
    then: {
      path: ['start', 'checkItem (body)', 'checkItem', 'checkItem', 'end'],
      status: 'completed',
      variables: { items: ['A', 'B'], results: ['A ok', 'B ok'], checked: 'B ok' },
    },
  },
  {
    name: 'zeebe:script evaluates its FEEL expression into its result variable',
    model: 'zeebe-script',
    start: { variables: { amount: 100, fee: 4.5 } },
    then: { path: ['start', 'addFees', 'end'], status: 'completed', variables: { amount: 100, fee: 4.5, total: 104.5 } },
  },
  {
    name: 'a zeebe: user task takes its form, assignee, candidates, due and follow-up dates and priority from its zeebe: settings, FEEL or text',
    model: 'zeebe-user-task',
    start: { variables: { claim: { owner: 'ana', amount: 4500, deadline: '2026-01-05T17:00:00Z', urgency: 8 } } },
    steps: [
      check({
        waiting: ['reviewClaim'],
        effects: [
          {
            kind: 'taskCreated',
            task: {
              elementId: 'reviewClaim',
              formKey: 'form:claim-review-form',
              assignee: 'ana',
              candidateGroups: ['experts'],
              candidateUsers: ['ben', 'eva'],
              dueAt: '2026-01-05T17:00:00.000Z',
              followUpAt: '2026-01-06T09:00:00.000Z',
              priority: 80,
            },
          },
        ],
      }),
      complete('reviewClaim', { approved: true }, { actor: 'ana' }),
    ],
    then: { path: ['start', 'reviewClaim', 'end'], status: 'completed' },
  },
];

/** zeebe: elements Tandem would not honor: refused by name. */
export const REFUSED_CAMUNDA_8: RefusedScenario[] = [
  {
    name: 'zeebe:executionListeners are refused, naming the element that carries them',
    model: 'zeebe-listeners-refused',
    refused: [{ elementId: 'checkOrder', rule: 'camunda-8' }],
  },
];
