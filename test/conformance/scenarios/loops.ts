import { advance, check, complete, completeExternal, fire, type ConformanceScenario } from '../conformance-scenario.js';

/** Multi-instance activities (a body holding one inner instance per item) and standard loops. */
export const LOOPS: ConformanceScenario[] = [
  {
    name: 'a sequential multi-instance activity runs one instance per item, one after another, and collects the outputs',
    model: 'multi-instance-sequential',
    start: { variables: { lineItems: [{ sku: 'A' }, { sku: 'B' }] } },
    steps: [
      check({ waiting: ['approve (body)', 'approve'] }),
      complete('approve', { approved: true }),
      check({ waiting: ['approve (body)', 'approve'] }),
      complete('approve', { approved: false }),
    ],
    then: {
      path: ['start', 'approve (body)', 'approve', 'approve', 'end'],
      status: 'completed',
      variables: {
        lineItems: [{ sku: 'A' }, { sku: 'B' }],
        approved: false,
        decisions: [
          { sku: 'A', ok: true },
          { sku: 'B', ok: false },
        ],
      },
    },
  },
  {
    name: 'a parallel multi-instance activity runs every item at once; the output collection keeps item order',
    model: 'multi-instance-parallel',
    start: { variables: { lineItems: ['A', 'B', 'C'] } },
    steps: [
      check({ waiting: ['approve (body)', 'approve', 'approve', 'approve'] }),
      complete('approve', { approved: false }, { item: 3 }),
      complete('approve', { approved: true }, { item: 1 }),
      complete('approve', { approved: true }, { item: 2 }),
    ],
    then: {
      path: ['start', 'approve (body)', 'approve', 'approve', 'approve', 'summarize'],
      waiting: ['summarize'],
      variables: { lineItems: ['A', 'B', 'C'], approved: true, decisions: [true, true, false] },
    },
  },
  {
    name: 'a completion condition ends a parallel multi-instance activity early, canceling the instances still open',
    model: 'multi-instance-completion-condition',
    start: { variables: { reviewers: ['ann', 'bob', 'cy'] } },
    steps: [complete('vote', { yes: true }, { item: 2 }), complete('vote', { yes: false }, { item: 1 })],
    then: {
      canceled: ['vote'],
      status: 'completed',
      variables: { reviewers: ['ann', 'bob', 'cy'], yes: false, votes: [false, true, null] },
    },
  },
  {
    name: 'a completion condition can count the output collection gathered so far (two yes votes are enough)',
    model: 'multi-instance-completion-on-output-collection',
    start: { variables: { reviewers: ['ann', 'bob', 'cy', 'dan'] } },
    steps: [
      complete('vote', { yes: true }, { item: 1 }),
      complete('vote', { yes: false }, { item: 3 }),
      check({ waiting: ['vote (body)', 'vote', 'vote'], status: 'active' }),
      complete('vote', { yes: true }, { item: 2 }),
    ],
    then: { status: 'completed', canceled: ['vote'], variables: { reviewers: ['ann', 'bob', 'cy', 'dan'], yes: true, votes: [true, true, false, null] } },
  },
  {
    name: 'a completion condition ends a sequential multi-instance activity before the remaining items start',
    model: 'multi-instance-sequential-completion-condition',
    start: { variables: { carriers: ['dhl', 'ups', 'fedex'] } },
    steps: [completeExternal('tryCarrier', { quoted: false }), completeExternal('tryCarrier', { quoted: true })],
    then: { path: ['start', 'tryCarrier (body)', 'tryCarrier', 'tryCarrier', 'end'], canceled: [], status: 'completed' },
  },
  {
    name: 'a multi-instance activity over an empty collection completes at once with an empty output collection',
    model: 'multi-instance-empty-collection',
    start: { variables: { lineItems: [] } },
    then: { path: ['start', 'approve (body)', 'summarize'], waiting: ['summarize'], variables: { lineItems: [], decisions: [] } },
  },
  {
    name: 'a multi-instance activity with a loop cardinality runs that many instances, each with its loopCounter',
    model: 'multi-instance-loop-cardinality',
    then: { path: ['start', 'draw (body)', 'draw', 'draw', 'draw', 'end'], status: 'completed', variables: { ticket: 30, tickets: [10, 20, 30] } },
  },
  {
    name: 'a multi-instance sub-process gives each item its own scope, with the item as a local variable',
    model: 'multi-instance-sub-process',
    start: { variables: { items: ['x', 'y'] } },
    steps: [check({ waiting: ['perItem (body)', 'perItem', 'pick'], variables: { items: ['x', 'y'], label: 'label for x' } }), complete('pick')],
    then: { waiting: ['perItem (body)', 'perItem', 'pick'], variables: { items: ['x', 'y'], label: 'label for y' } },
  },
  {
    name: 'a boundary timer on a multi-instance activity belongs to its body and cancels every instance',
    model: 'multi-instance-boundary-timer',
    start: { variables: { lineItems: ['A', 'B'] } },
    steps: [check({ timers: [{ elementId: 'tooSlow', dueAt: '2026-03-03T09:00:00.000Z' }] }), advance('P1D'), fire('tooSlow')],
    then: { path: ['start', 'approve (body)', 'approve', 'approve', 'tooSlow', 'escalate'], canceled: ['approve', 'approve', 'approve'], waiting: ['escalate'] },
  },
  {
    name: 'a standard loop repeats its activity while the loop condition holds, tested after each iteration',
    model: 'standard-loop',
    steps: [complete('callCustomer', { reached: false }), complete('callCustomer', { reached: true })],
    then: { path: ['start', 'callCustomer', 'callCustomer', 'end'], status: 'completed', variables: { reached: true } },
  },
  {
    name: 'a standard loop with testBefore tests the condition before every iteration (while-do)',
    model: 'standard-loop-test-before',
    start: { variables: { attempts: 0, limit: 3 } },
    then: { path: ['start', 'retry', 'retry', 'retry', 'end'], status: 'completed', variables: { attempts: 3, limit: 3 } },
  },
  {
    name: 'a standard loop with testBefore skips its activity when the condition is false at once',
    model: 'standard-loop-test-before',
    start: { variables: { attempts: 5, limit: 3 } },
    then: { path: ['start', 'end'], status: 'completed', variables: { attempts: 5, limit: 3 } },
  },
  {
    name: 'a standard loop stops at its loopMaximum even while the condition still holds',
    model: 'standard-loop-maximum',
    steps: [complete('callCustomer', { reached: false }), complete('callCustomer', { reached: false }), complete('callCustomer', { reached: false })],
    then: { path: ['start', 'callCustomer', 'callCustomer', 'callCustomer', 'writeLetter'], waiting: ['writeLetter'] },
  },
];
