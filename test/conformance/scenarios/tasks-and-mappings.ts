import { check, complete, completeExternal, correlate, type ConformanceScenario, type RefusedScenario } from '../conformance-scenario.js';

/** Script tasks (FEEL), send tasks, and input/output variable mappings. */
export const TASKS_AND_MAPPINGS: ConformanceScenario[] = [
  {
    name: 'a script task evaluates its FEEL expression and writes the result variable',
    model: 'script-task',
    start: {
      variables: {
        lines: [
          { price: 10, quantity: 2 },
          { price: 5, quantity: 1 },
        ],
      },
    },
    then: {
      path: ['start', 'total', 'confirm'],
      waiting: ['confirm'],
      variables: {
        lines: [
          { price: 10, quantity: 2 },
          { price: 5, quantity: 1 },
        ],
        orderTotal: 25,
      },
    },
  },
  {
    name: 'a script task sees its input mappings, and its output mappings decide what it hands back',
    model: 'script-task-mapping',
    start: { variables: { amount: 1500 } },
    then: { path: ['start', 'classify', 'end'], status: 'completed', variables: { amount: 1500, orderSize: 'large' } },
  },
  {
    name: 'a script task whose FEEL fails refuses the step (EXPRESSION_FAILED) and changes nothing',
    model: 'script-task-failure',
    start: { variables: { price: 10 } },
    steps: [complete('enter', { quantity: 'two' }, { fails: 'EXPRESSION_FAILED' })],
    then: { path: ['start', 'enter'], waiting: ['enter'], variables: { price: 10 } },
  },
  {
    name: 'a send task is an external task: a worker sends the message and completes it',
    model: 'send-task',
    steps: [
      check({ waiting: ['sendSurvey'], effects: [{ kind: 'externalTaskCreated', externalTask: { elementId: 'sendSurvey', topic: 'survey-mail' } }] }),
      completeExternal('sendSurvey'),
    ],
    then: { path: ['start', 'sendSurvey', 'end'], status: 'completed' },
  },
  {
    name: 'input mappings make locals the task and its settings see; output mappings write back, into context entries too',
    model: 'io-mapping',
    start: { variables: { customer: { accountManager: 'ann', tier: 'gold' }, listPrice: 100 } },
    steps: [check({ effects: [{ kind: 'taskCreated', task: { elementId: 'quote', assignee: 'ann' } }] }), complete('quote', { note: 'not handed back' })],
    then: {
      status: 'completed',
      variables: { customer: { accountManager: 'ann', tier: 'gold' }, listPrice: 100, offer: { price: 90, by: 'ann' } },
    },
  },
  {
    name: 'without output mappings every result variable goes back, while the input mappings stay local',
    model: 'io-mapping-no-outputs',
    steps: [complete('quote', { price: 50 })],
    then: { path: ['start', 'quote', 'check'], waiting: ['check'], variables: { price: 50 } },
  },
  {
    name: 'an input mapping that fails refuses the step (EXPRESSION_FAILED) and changes nothing',
    model: 'io-mapping-failure',
    start: { variables: { requestedDate: 'next tuesday' } },
    steps: [complete('register', undefined, { fails: 'EXPRESSION_FAILED' })],
    then: { path: ['start', 'register'], waiting: ['register'] },
  },
  {
    name: "a message start event's output mappings decide which of the message's variables the instance gets",
    model: 'message-start-output-mapping',
    start: { startEventId: 'received', variables: { from: 'ada@example.com', topic: 'refund', noise: true } },
    then: { path: ['received', 'triage'], waiting: ['triage'], variables: { customer: 'ada@example.com', subject: 'REFUND' } },
  },
  {
    name: "a boundary event's output mappings map the message it caught into the activity's scope",
    model: 'boundary-output-mapping',
    start: { variables: { case: 7 } },
    steps: [correlate('noteArrived', { text: 'call back after 5', author: 'ada' })],
    then: { path: ['start', 'work', 'noteArrived', 'readNote'], waiting: ['work', 'readNote'], variables: { case: 7, lastNote: 'call back after 5' } },
  },
  {
    name: "a throw event's and an end event's output mappings write to the scope as the token passes",
    model: 'throw-event-output-mapping',
    steps: [check({ variables: { milestone: 'triaged 1' } }), complete('work', { agent: 'bo' })],
    then: { path: ['start', 'triaged', 'work', 'end'], status: 'completed', variables: { milestone: 'triaged 1', agent: 'bo', closedBy: 'bo' } },
  },
  {
    name: "a none start event's output mappings run over the start variables, which the instance keeps, as in Camunda 8",
    model: 'none-start-output-mapping',
    start: { variables: { customer: { name: 'Ada' } } },
    then: { path: ['start', 'work'], waiting: ['work'], variables: { customer: { name: 'Ada' }, customerName: 'Ada' } },
  },
];

/** Mappings where they would mean nothing are refused, never skipped. */
export const REFUSED_MAPPINGS: RefusedScenario[] = [
  {
    name: 'input mappings on a boundary event are refused at deploy: it is triggered from outside',
    model: 'boundary-input-mapping',
    refused: [{ elementId: 'noteArrived', rule: 'io-mapping' }],
  },
];
