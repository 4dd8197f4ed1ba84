import { describe, expect, it } from '@jest/globals';
import { ENGINE_ERRORS } from '../model/errors.js';
import { endEvent, flow, startEvent, userTask, withIoMapping } from '../testing/bpmn-xml.js';
import { domainError } from '../testing/domain-error.js';
import { Scenario } from '../testing/scenario.js';

/** start -> register -> quote (with the mappings) -> end */
const mapped = (mapping: { inputs?: Record<string, string>; outputs?: Record<string, string> }) => ({
  nodes: [startEvent('start'), userTask('register'), withIoMapping(userTask('quote'), mapping), endEvent('end')],
  flows: [flow('f1', 'start', 'register'), flow('f2', 'register', 'quote'), flow('f3', 'quote', 'end')],
});

describe('input/output mappings', () => {
  it('evaluates mappings in order, each seeing the targets of the ones before it', async () => {
    // given
    const sut = await Scenario.of(mapped({ inputs: { net: '= gross / 1.25', vat: '= gross - net' } }));
    sut.start({ gross: 100 });

    // when
    sut.complete('register');

    // then
    expect(sut.waiting('quote').variables).toEqual({ net: 80, vat: 20 });
  });

  it('maps null for a variable that does not exist, without failing', async () => {
    // given
    const sut = await Scenario.of(mapped({ inputs: { email: '= customer.email' } }));
    sut.start({ customer: {} });

    // when
    sut.complete('register');

    // then
    expect(sut.waiting('quote').variables).toEqual({ email: null });
  });

  it('writes one entry of a context through a dotted target, keeping its other entries', async () => {
    // given
    const sut = await Scenario.of(mapped({ outputs: { 'customer.tier': '= tier', 'customer.contact.phone': '= phone' } }));
    sut.start({ customer: { name: 'Ann', contact: { email: 'ann@example.com' } } });
    sut.complete('register');

    // when
    const { state } = sut.complete('quote', { tier: 'gold', phone: '+49 30 1234' });

    // then
    expect(state.variables).toEqual({ customer: { name: 'Ann', tier: 'gold', contact: { email: 'ann@example.com', phone: '+49 30 1234' } } });
  });

  it("evaluates output mappings over the element's locals and its result, the result winning", async () => {
    // given
    const sut = await Scenario.of(mapped({ inputs: { price: '= listPrice' }, outputs: { offer: '= price', discounted: '= price < listPrice' } }));
    sut.start({ listPrice: 100 });
    sut.complete('register');

    // when
    const { state } = sut.complete('quote', { price: 90 });

    // then
    expect(state.variables).toEqual({ listPrice: 100, offer: 90, discounted: true });
  });

  it('stores FEEL dates, times and durations as ISO text', async () => {
    // given
    const sut = await Scenario.of(mapped({ inputs: { callbackOn: '= date(requested)', waitFor: '= duration("PT4H")' } }));
    sut.start({ requested: '2026-03-05' });

    // when
    sut.complete('register');

    // then
    expect(sut.waiting('quote').variables).toEqual({ callbackOn: '2026-03-05', waitFor: 'PT4H' });
  });

  it('refuses the completing command when an output mapping fails (EXPRESSION_FAILED), naming the element, changing nothing', async () => {
    // given
    const sut = await Scenario.of(mapped({ outputs: { total: '= price * quantity' } }));
    sut.start();
    sut.complete('register');
    const before = sut.state;

    // when
    const complete = () => sut.complete('quote', { price: 10, quantity: 'two' });

    // then
    expect(complete).toThrow(domainError(ENGINE_ERRORS.expressionFailed, { elementId: 'quote', expression: 'price * quantity' }));
    expect(sut.state).toBe(before);
  });
});
