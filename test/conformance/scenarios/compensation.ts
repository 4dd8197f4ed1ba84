import { check, complete, completeExternal, type ConformanceScenario, type RefusedScenario } from '../conformance-scenario.js';

/** Compensation throw and end events, boundary events and handlers (Camunda 8 semantics). */
export const COMPENSATION: ConformanceScenario[] = [
  {
    name: 'a compensation throw event runs the handler of each completed activity, the latest first, and moves on once they completed',
    model: 'compensation-throw-event',
    steps: [
      complete('bookFlight'),
      complete('bookHotel'),
      check({
        path: ['start', 'bookFlight', 'bookHotel', 'cancelBooking', 'hotelCompensation', 'flightCompensation', 'cancelHotel', 'cancelFlight'],
        waiting: ['cancelBooking', 'cancelHotel', 'cancelFlight'],
        effects: [{ kind: 'externalTaskCreated', externalTask: { elementId: 'cancelFlight', topic: 'flight-cancellations' } }],
      }),
      complete('cancelHotel'),
      check({ waiting: ['cancelBooking', 'cancelFlight'] }),
      completeExternal('cancelFlight'),
    ],
    then: {
      path: ['start', 'bookFlight', 'bookHotel', 'cancelBooking', 'hotelCompensation', 'flightCompensation', 'cancelHotel', 'cancelFlight', 'informCustomer'],
      waiting: ['informCustomer'],
    },
  },
  {
    name: 'an activityRef compensates that activity only; a later throw compensates the rest, never the same instance twice',
    model: 'compensation-activity-ref',
    steps: [
      complete('bookFlight'),
      complete('bookHotel'),
      check({ waiting: ['undoFlightFirst', 'cancelFlight'] }),
      complete('cancelFlight'),
      check({ waiting: ['undoTheRest', 'cancelHotel'] }),
      complete('cancelHotel'),
    ],
    then: {
      path: ['start', 'bookFlight', 'bookHotel', 'undoFlightFirst', 'flightCompensation', 'cancelFlight', 'undoTheRest', 'hotelCompensation', 'cancelHotel', 'end'],
      status: 'completed',
    },
  },
  {
    name: 'a compensation end event in a sub-process compensates inside it only; the sub-process completes after the handler',
    model: 'compensation-end-event-in-sub-process',
    steps: [
      complete('openTicket'),
      complete('reserveDevice', { available: false }),
      check({ waiting: ['replacement', 'undoReservation', 'releaseDevice'] }),
      complete('releaseDevice'),
    ],
    then: {
      path: ['start', 'openTicket', 'replacement', 's', 'reserveDevice', 'inStock', 'undoReservation', 'reservationCompensation', 'releaseDevice', 'followUp'],
      waiting: ['followUp'],
    },
  },
  {
    name: 'a sub-process that ends normally compensates nothing',
    model: 'compensation-end-event-in-sub-process',
    steps: [complete('openTicket'), complete('reserveDevice', { available: true })],
    then: { path: ['start', 'openTicket', 'replacement', 's', 'reserveDevice', 'inStock', 'shipped', 'followUp'], waiting: ['followUp'] },
  },
  {
    name: 'compensation reaches into a completed sub-process (it completed after what came before it) and an end event waits for the handlers',
    model: 'compensation-completed-sub-process',
    steps: [
      complete('issueCredit'),
      complete('reserveDevice'),
      complete('confirm', { accepted: false }),
      check({ waiting: ['undoAll', 'releaseDevice', 'revokeCredit'] }),
      complete('releaseDevice'),
      complete('revokeCredit'),
    ],
    then: {
      path: [
        'start',
        'issueCredit',
        'replacement',
        's',
        'reserveDevice',
        'e',
        'confirm',
        'accepted',
        'undoAll',
        'reservationCompensation',
        'creditCompensation',
        'releaseDevice',
        'revokeCredit',
      ],
      status: 'completed',
    },
  },
  {
    name: 'a compensation end event in an error event sub-process undoes what the interrupted process had completed',
    model: 'compensation-error-event-sub-process',
    steps: [
      complete('reserveDevice'),
      complete('takePayment', { declined: true }),
      check({
        waiting: ['onDeclined', 'rollBack', 'releaseDevice'],
        effects: [{ kind: 'externalTaskCreated', externalTask: { elementId: 'releaseDevice', topic: 'stock-releases' } }],
      }),
      completeExternal('releaseDevice'),
    ],
    then: {
      path: ['start', 'reserveDevice', 'takePayment', 'paid', 'declined', 'onDeclined', 'paymentFailed', 'rollBack', 'reservationCompensation', 'releaseDevice'],
      status: 'completed',
    },
  },
  {
    name: 'the handler of a multi-instance activity runs once, after all items completed (here a multi-instance handler per item)',
    model: 'compensation-multi-instance',
    start: { variables: { items: ['router', 'cable'] } },
    steps: [
      complete('refundItem', undefined, { item: 1 }),
      check({ waiting: ['refundItem (body)', 'refundItem'] }),
      complete('refundItem', undefined, { item: 2 }),
      check({ waiting: ['fraudFound', 'rechargeItem (body)', 'rechargeItem', 'rechargeItem'] }),
      complete('rechargeItem', undefined, { item: 1 }),
      complete('rechargeItem', undefined, { item: 2 }),
    ],
    then: {
      path: ['start', 'refundItem (body)', 'refundItem', 'refundItem', 'fraudFound', 'refundCompensation', 'rechargeItem (body)', 'rechargeItem', 'rechargeItem', 'end'],
      status: 'completed',
    },
  },
];

export const REFUSED_COMPENSATION: RefusedScenario[] = [
  {
    name: 'a compensation boundary event with a sequence flow and no handler, and a throw event that would not wait, are refused',
    model: 'compensation-boundary-with-flow',
    refused: [
      { elementId: 'flightCompensation', rule: 'compensation' },
      { elementId: 'cancelFlight', rule: 'compensation' },
      { elementId: 'cancelBooking', rule: 'compensation' },
    ],
  },
];
