import { check, complete, throwError, throwEscalation, type ConformanceScenario } from '../conformance-scenario.js';

/**
 * BPMN errors a worker throws at its external task (Camunda's handleBpmnError), and the errors and
 * escalations a called instance does not catch, which go up to its call activity (Camunda 8). The
 * app carries the called instance's throws to the parent (see apps/engine/src/call-activities).
 */
export const BPMN_ERRORS: ConformanceScenario[] = [
  {
    name: "a worker's BPMN error is caught by the error boundary event with its code, which cancels the task and maps the worker's variables",
    model: 'service-task-bpmn-error',
    steps: [throwError('charge', 'CARD_DECLINED', { variables: { reason: 'expired', raw: 'code 54' } })],
    then: { path: ['start', 'charge', 'declined', 'askOtherCard'], canceled: ['charge'], waiting: ['askOtherCard'], variables: { declineReason: 'expired' } },
  },
  {
    name: "a worker's BPMN error nobody catches refuses the step (ERROR_NOT_CAUGHT): the app raises an incident on the task",
    model: 'service-task-bpmn-error',
    steps: [throwError('charge', 'FRAUD_SUSPECTED', { fails: 'ERROR_NOT_CAUGHT' })],
    then: { path: ['start', 'charge'], waiting: ['charge'], status: 'active', variables: {} },
  },
  {
    name: "a worker's BPMN error at a send task is caught by a catch-all error event sub-process around it",
    model: 'send-task-bpmn-error-event-sub-process',
    steps: [throwError('sendConfirmation', 'MAILBOX_FULL')],
    then: {
      path: ['start', 'notify', 's', 'sendConfirmation', 'onFailure', 'anyError', 'callCustomer'],
      canceled: ['sendConfirmation'],
      waiting: ['notify', 'onFailure', 'callCustomer'],
    },
  },
  {
    name: "a called instance's uncaught error end event ends it and goes up to its call activity",
    model: 'called-process-hands-up',
    start: { called: true },
    steps: [complete('review', { verdict: 'reject' })],
    then: {
      path: ['start', 'fork', 'review', 'collectDocuments', 'verdict', 'reject'],
      canceled: ['collectDocuments'],
      waiting: [],
      status: 'canceled',
      effects: [
        { kind: 'thrownToCallActivity', eventType: 'error', code: 'REJECTED', elementId: 'reject' },
        { kind: 'instanceEnded', status: 'canceled', byError: true },
      ],
    },
  },
  {
    name: "a called instance's uncaught escalation goes up to its call activity while it goes on",
    model: 'called-process-hands-up',
    start: { called: true },
    steps: [complete('review', { verdict: 'expert' })],
    then: {
      path: ['start', 'fork', 'review', 'collectDocuments', 'verdict', 'escalate', 'secondReview'],
      waiting: ['collectDocuments', 'secondReview'],
      status: 'active',
      effects: [{ kind: 'thrownToCallActivity', eventType: 'escalation', code: 'EXPERT', elementId: 'escalate' }],
    },
  },
  {
    name: "the called instance's error is caught by the call activity's error boundary event, which cancels the call activity",
    model: 'call-activity-error-boundary',
    steps: [throwError('assess', 'REJECTED', { sequence: 1 })],
    then: { path: ['start', 'assess', 'rejected', 'informRejection'], canceled: ['assess'], waiting: ['informRejection'] },
  },
  {
    name: "the called instance's escalation reaches the call activity's non-interrupting boundary event once, however often it is delivered",
    model: 'call-activity-error-boundary',
    steps: [
      throwEscalation('assess', 'EXPERT', 1),
      throwEscalation('assess', 'EXPERT', 1),
      check({ path: ['start', 'assess', 'needsExpert', 'callExpert'], waiting: ['assess', 'callExpert'] }),
      complete('callExpert'),
    ],
    then: { path: ['start', 'assess', 'needsExpert', 'callExpert', 'expertCalled'], waiting: ['assess'] },
  },
];
