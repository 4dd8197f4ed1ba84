import { describe, expect, it } from '@jest/globals';
import {
  boundaryTimer,
  compensationBoundary,
  endEvent,
  eventSubProcess,
  exclusiveGateway,
  flow,
  forCompensation,
  onCompensate,
  onError,
  parallelGateway,
  startEvent,
  subProcess,
  throwEvent,
  userTask,
  withMultiInstance,
  type ModelSpec,
} from '../testing/bpmn-xml.js';
import { execute } from '../execute.js';
import { migrateInstance } from '../operations/migrate-instance.js';
import { compile, Scenario, trail, waitingAt } from '../testing/scenario.js';

/** An activity with its compensation boundary event and handler: `<id>`, `<id>Undo` (boundary), `undo<Id>`. */
const compensable = (id: string) => {
  const undo = `undo${id[0].toUpperCase()}${id.slice(1)}`;
  return { nodes: [userTask(id), compensationBoundary(`${id}Undo`, id), forCompensation(userTask(undo))], association: [`${id}Undo`, undo] as [string, string] };
};

const flight = compensable('flight');
const hotel = compensable('hotel');

/** start -> flight -> hotel -> compensate (throw) -> notify -> end */
const booking: ModelSpec = {
  nodes: [startEvent('start'), ...flight.nodes, ...hotel.nodes, throwEvent('compensate', onCompensate()), userTask('notify'), endEvent('end')],
  flows: [flow('f1', 'start', 'flight'), flow('f2', 'flight', 'hotel'), flow('f3', 'hotel', 'compensate'), flow('f4', 'compensate', 'notify'), flow('f5', 'notify', 'end')],
  associations: [flight.association, hotel.association],
};

describe('compensation events', () => {
  it('a compensation throw event starts the handler of every completed activity, the latest first, and waits for them', async () => {
    // given
    const sut = await Scenario.of(booking);
    sut.start();
    sut.complete('flight');

    // when
    const { state, steps } = sut.complete('hotel');

    // then
    expect(trail(steps)).toEqual([
      'hotel:started',
      'hotel:completed',
      'compensate:ready',
      'compensate:started',
      'hotelUndo:ready',
      'hotelUndo:completed',
      'flightUndo:ready',
      'flightUndo:completed',
      'undoHotel:ready',
      'undoFlight:ready',
    ]);
    expect(waitingAt(state)).toEqual(['compensate', 'undoHotel', 'undoFlight']);
  });

  it('the throw event completes and its token moves on once every handler completed; their results reach the instance', async () => {
    // given
    const sut = await Scenario.of(booking);
    sut.start();
    sut.complete('flight');
    sut.complete('hotel');
    sut.complete('undoHotel', { hotelRefunded: true });

    // when
    const { state, steps } = sut.complete('undoFlight', { flightRefunded: true });

    // then
    expect(trail(steps)).toEqual(['undoFlight:started', 'undoFlight:completed', 'compensate:completed', 'notify:ready']);
    expect(waitingAt(state)).toEqual(['notify']);
    expect(state.variables).toEqual({ hotelRefunded: true, flightRefunded: true });
    expect(state.compensable).toEqual([]);
  });

  it('the steps link each handler to the boundary event and the boundary event to the instance it compensates', async () => {
    // given
    const sut = await Scenario.of(booking);
    sut.start();
    const flightInstance = sut.waiting('flight').id;
    sut.complete('flight');

    // when
    const { steps } = sut.complete('hotel');

    // then
    const boundary = steps.find(({ elementId, type }) => elementId === 'flightUndo' && type === 'ready');
    const handler = steps.find(({ elementId, type }) => elementId === 'undoFlight' && type === 'ready');
    expect(boundary?.previousActivityInstanceId).toBe(flightInstance);
    expect(handler?.previousActivityInstanceId).toBe(boundary?.activityInstanceId);
  });

  it('with nothing completed to compensate the token passes the throw event at once', async () => {
    // given
    const sut = await Scenario.of({
      nodes: [startEvent('start'), throwEvent('compensate', onCompensate()), ...flight.nodes, endEvent('end')],
      flows: [flow('f1', 'start', 'compensate'), flow('f2', 'compensate', 'flight'), flow('f3', 'flight', 'end')],
      associations: [flight.association],
    });

    // when
    const { state, steps } = sut.start();

    // then
    expect(trail(steps)).toEqual(['start:ready', 'start:completed', 'compensate:ready', 'compensate:completed', 'flight:ready']);
    expect(waitingAt(state)).toEqual(['flight']);
  });

  it('runs the handler once for each completed instance of an activity that ran several times', async () => {
    // given start -> call (compensable) -> again? back to call : compensate -> end
    const call = compensable('call');
    const sut = await Scenario.of({
      nodes: [startEvent('start'), ...call.nodes, exclusiveGateway('again', 'done'), throwEvent('compensate', onCompensate()), endEvent('end')],
      flows: [
        flow('f1', 'start', 'call'),
        flow('f2', 'call', 'again'),
        flow('loop', 'again', 'call', '= retry'),
        flow('done', 'again', 'compensate'),
        flow('f3', 'compensate', 'end'),
      ],
      associations: [call.association],
    });
    sut.start();
    sut.complete('call', { retry: true });

    // when
    const { state } = sut.complete('call', { retry: false });

    // then
    expect(waitingAt(state)).toEqual(['compensate', 'undoCall', 'undoCall']);
  });

  it('runs the handler of a multi-instance activity once, after all its items completed', async () => {
    // given
    const sut = await Scenario.of({
      nodes: [
        startEvent('start'),
        withMultiInstance(userTask('book'), { inputCollection: '= trips', inputElement: 'trip' }),
        compensationBoundary('bookUndo', 'book'),
        forCompensation(userTask('undoBook')),
        throwEvent('compensate', onCompensate()),
        endEvent('end'),
      ],
      flows: [flow('f1', 'start', 'book'), flow('f2', 'book', 'compensate'), flow('f3', 'compensate', 'end')],
      associations: [['bookUndo', 'undoBook']],
    });
    sut.start({ trips: ['Rome', 'Oslo'] });
    sut.execute({ type: 'completeTask', activityInstanceId: sut.waitingAll('book').find(({ loopCounter }) => loopCounter === 1)!.id });

    // when
    const { state } = sut.execute({ type: 'completeTask', activityInstanceId: sut.waitingAll('book').find(({ loopCounter }) => loopCounter === 2)!.id });

    // then
    expect(waitingAt(state)).toEqual(['compensate', 'undoBook']);
  });

  it('does not compensate an activity still active when the compensation is thrown', async () => {
    // given start -> fork -> flight | hotel | check -> compensate -> end
    const sut = await Scenario.of({
      nodes: [
        startEvent('start'),
        parallelGateway('fork'),
        ...flight.nodes,
        ...hotel.nodes,
        userTask('check'),
        throwEvent('compensate', onCompensate()),
        endEvent('end'),
        endEvent('end2'),
        endEvent('end3'),
      ],
      flows: [
        flow('f1', 'start', 'fork'),
        flow('f2', 'fork', 'flight'),
        flow('f3', 'fork', 'hotel'),
        flow('f4', 'fork', 'check'),
        flow('f5', 'check', 'compensate'),
        flow('f6', 'compensate', 'end'),
        flow('f7', 'flight', 'end2'),
        flow('f8', 'hotel', 'end3'),
      ],
      associations: [flight.association, hotel.association],
    });
    sut.start();
    sut.complete('flight');

    // when
    const { state } = sut.complete('check');

    // then
    expect(waitingAt(state)).toEqual(['hotel', 'compensate', 'undoFlight']);
  });

  it('an activityRef compensates only that activity; the others stay compensable, and no instance is compensated twice', async () => {
    // given start -> flight -> hotel -> undoOnlyFlight (activityRef) -> undoAll -> end
    const sut = await Scenario.of({
      nodes: [startEvent('start'), ...flight.nodes, ...hotel.nodes, throwEvent('undoOnlyFlight', onCompensate('flight')), throwEvent('undoAll', onCompensate()), endEvent('end')],
      flows: [
        flow('f1', 'start', 'flight'),
        flow('f2', 'flight', 'hotel'),
        flow('f3', 'hotel', 'undoOnlyFlight'),
        flow('f4', 'undoOnlyFlight', 'undoAll'),
        flow('f5', 'undoAll', 'end'),
      ],
      associations: [flight.association, hotel.association],
    });
    sut.start();
    sut.complete('flight');
    const first = sut.complete('hotel');

    // when
    const { state } = sut.complete('undoFlight');

    // then
    expect(waitingAt(first.state)).toEqual(['undoOnlyFlight', 'undoFlight']);
    expect(waitingAt(state)).toEqual(['undoAll', 'undoHotel']);
  });

  it('compensates inside a completed embedded sub-process too, the sub-process being the later completed', async () => {
    // given start -> flight -> trip [ s -> hotel -> e ] -> compensate -> end
    const sut = await Scenario.of({
      nodes: [
        startEvent('start'),
        ...flight.nodes,
        subProcess('trip', {
          nodes: [startEvent('s'), ...hotel.nodes, endEvent('e')],
          flows: [flow('i1', 's', 'hotel'), flow('i2', 'hotel', 'e')],
          associations: [hotel.association],
        }),
        throwEvent('compensate', onCompensate()),
        endEvent('end'),
      ],
      flows: [flow('f1', 'start', 'flight'), flow('f2', 'flight', 'trip'), flow('f3', 'trip', 'compensate'), flow('f4', 'compensate', 'end')],
      associations: [flight.association],
    });
    sut.start();
    sut.complete('flight');

    // when
    const { state, steps } = sut.complete('hotel');

    // then
    expect(trail(steps).filter((step) => step.endsWith(':ready'))).toEqual([
      'e:ready',
      'compensate:ready',
      'hotelUndo:ready',
      'flightUndo:ready',
      'undoHotel:ready',
      'undoFlight:ready',
    ]);
    expect(waitingAt(state)).toEqual(['compensate', 'undoHotel', 'undoFlight']);
  });

  it('a compensation end event inside a sub-process compensates only inside it, and the sub-process completes after its handlers', async () => {
    // given start -> flight -> trip [ s -> hotel -> undoTrip (compensation end) ] -> notify -> end
    const sut = await Scenario.of({
      nodes: [
        startEvent('start'),
        ...flight.nodes,
        subProcess('trip', {
          nodes: [startEvent('s'), ...hotel.nodes, endEvent('undoTrip', onCompensate())],
          flows: [flow('i1', 's', 'hotel'), flow('i2', 'hotel', 'undoTrip')],
          associations: [hotel.association],
        }),
        userTask('notify'),
        endEvent('end'),
      ],
      flows: [flow('f1', 'start', 'flight'), flow('f2', 'flight', 'trip'), flow('f3', 'trip', 'notify'), flow('f4', 'notify', 'end')],
      associations: [flight.association],
    });
    sut.start();
    sut.complete('flight');
    const thrown = sut.complete('hotel');

    // when
    const { state, steps } = sut.complete('undoHotel');

    // then
    expect(waitingAt(thrown.state)).toEqual(['trip', 'undoTrip', 'undoHotel']);
    expect(trail(steps)).toEqual(['undoHotel:started', 'undoHotel:completed', 'undoTrip:completed', 'trip:completed', 'notify:ready']);
    expect(state.compensable).toEqual([{ id: expect.any(String), elementId: 'flight', handlerId: 'undoFlight' }]);
  });

  it('does not compensate inside a sub-process that was canceled, nor keeps what completed in it', async () => {
    // given start -> trip [ s -> hotel -> confirm -> e ] (+ boundary timer -> compensate -> review -> end)
    const sut = await Scenario.of({
      nodes: [
        startEvent('start'),
        subProcess('trip', {
          nodes: [startEvent('s'), ...hotel.nodes, userTask('confirm'), endEvent('e')],
          flows: [flow('i1', 's', 'hotel'), flow('i2', 'hotel', 'confirm'), flow('i3', 'confirm', 'e')],
          associations: [hotel.association],
        }),
        boundaryTimer('tooLong', 'trip', 'P1D'),
        throwEvent('compensate', onCompensate()),
        userTask('review'),
        endEvent('end'),
        endEvent('end2'),
      ],
      flows: [flow('f1', 'start', 'trip'), flow('f2', 'trip', 'end'), flow('f3', 'tooLong', 'compensate'), flow('f4', 'compensate', 'review'), flow('f5', 'review', 'end2')],
    });
    sut.start();
    sut.complete('hotel');
    sut.clock.advance('P1D');

    // when
    const { state, steps } = sut.fire('tooLong');

    // then
    expect(trail(steps).filter((step) => step.endsWith(':ready'))).toEqual(['tooLong:ready', 'compensate:ready', 'review:ready']);
    expect(state.compensable).toEqual([]);
  });

  it('a compensation end event in an error event sub-process undoes what the interrupted process completed (a saga)', async () => {
    // given start -> flight -> pay (error end PAYMENT); event sub-process: error PAYMENT -> rollBack (compensation end)
    const sut = await Scenario.of({
      nodes: [
        startEvent('start'),
        ...flight.nodes,
        endEvent('declined', onError('PAYMENT')),
        eventSubProcess('onDeclined', {
          nodes: [startEvent('paymentFailed', onError('PAYMENT')), endEvent('rollBack', onCompensate())],
          flows: [flow('e1', 'paymentFailed', 'rollBack')],
        }),
      ],
      flows: [flow('f1', 'start', 'flight'), flow('f2', 'flight', 'declined')],
      associations: [flight.association],
    });
    sut.start();
    const thrown = sut.complete('flight');

    // when
    const { state } = sut.complete('undoFlight');

    // then
    expect(waitingAt(thrown.state)).toEqual(['onDeclined', 'rollBack', 'undoFlight']);
    expect(state.status).toBe('completed');
    expect(state.compensable).toBeUndefined();
  });

  it("a migration keeps what is compensable, under the target version's elements and handlers", async () => {
    // given a case that booked its flight, migrated to a version where booking a flight is `bookFlight`
    const sut = await Scenario.of(booking);
    sut.start();
    sut.complete('flight');
    const renamed = compensable('bookFlight');
    const target = await compile({
      ...booking,
      nodes: [startEvent('start'), ...renamed.nodes, ...hotel.nodes, throwEvent('compensate', onCompensate()), userTask('notify'), endEvent('end')],
      flows: [flow('f1', 'start', 'bookFlight'), ...booking.flows.slice(1).map((spec) => (spec.source === 'flight' ? { ...spec, source: 'bookFlight' } : spec))],
      associations: [renamed.association, hotel.association],
    });
    const outcome = migrateInstance(sut.state, { source: sut.graph, target, targetProcessVersionId: 'version-2', mapping: { flight: 'bookFlight' } }, sut.ports);
    if (!('result' in outcome)) throw new Error(`The migration was refused: ${JSON.stringify(outcome.problems)}`);
    const hotelTask = outcome.result.state.activities.find(({ elementId }) => elementId === 'hotel')!;

    // when
    const { state } = execute(target, outcome.result.state, { type: 'completeTask', activityInstanceId: hotelTask.id }, sut.ports);

    // then
    expect(waitingAt(state)).toEqual(['compensate', 'undoHotel', 'undoBookFlight']);
  });

  it('an interrupted compensation cancels its handlers', async () => {
    // given
    const sut = await Scenario.of(booking);
    sut.start();
    sut.complete('flight');
    sut.complete('hotel');

    // when
    const { state, steps } = sut.execute({ type: 'cancelInstance' });

    // then
    expect(
      trail(steps)
        .filter((step) => step.endsWith(':canceled'))
        .sort(),
    ).toEqual(['compensate:canceled', 'undoFlight:canceled', 'undoHotel:canceled']);
    expect(state.status).toBe('canceled');
  });
});
