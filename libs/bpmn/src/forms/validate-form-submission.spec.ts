import { describe, expect, it } from '@jest/globals';
import type { FormSchema } from './form-schema.js';
import { validateFormSubmission as sut } from './validate-form-submission.js';

const complaintForm: FormSchema = {
  id: 'complaint-intake',
  type: 'default',
  components: [
    { type: 'text', text: '# Complaint' },
    { type: 'textfield', key: 'customerName', label: 'Customer', validate: { required: true, minLength: 2, maxLength: 40 } },
    { type: 'textfield', key: 'email', validate: { validationType: 'email' } },
    { type: 'textfield', key: 'orderNumber', validate: { pattern: '^ORD-\\d{4}$', patternErrorMessage: 'looks like ORD-1234' } },
    { type: 'number', key: 'amount', decimalDigits: 2, validate: { required: true, min: 0, max: 10000 } },
    {
      type: 'select',
      key: 'category',
      validate: { required: true },
      values: [
        { label: 'Inquiry', value: 'inquiry' },
        { label: 'Complaint', value: 'complaint' },
      ],
    },
    {
      type: 'radio',
      key: 'channel',
      values: [
        { label: 'Phone', value: 'phone' },
        { label: 'Chat', value: 'chat' },
      ],
    },
    {
      type: 'checklist',
      key: 'symptoms',
      values: [
        { label: 'Broken', value: 'broken' },
        { label: 'Late', value: 'late' },
      ],
    },
    { type: 'taglist', key: 'products', valuesKey: 'productOptions' },
    { type: 'checkbox', key: 'consent', validate: { required: true } },
    { type: 'datetime', key: 'purchasedOn', subtype: 'date' },
    { type: 'datetime', key: 'callBackAt', subtype: 'time' },
    { type: 'textarea', key: 'refundReason', conditional: { hide: '=category != "complaint"' }, validate: { required: true } },
    { type: 'group', path: 'address', components: [{ type: 'textfield', key: 'city', validate: { required: true } }] },
  ],
};

const valid = {
  customerName: 'Ada Lovelace',
  amount: 120.5,
  category: 'complaint',
  consent: true,
  refundReason: 'Arrived broken',
  address: { city: 'Lyon' },
};

describe('validateFormSubmission', () => {
  it('accepts a submission that fills the form correctly', () => {
    // given a complete, well-typed submission
    // when it is checked
    const problems = sut(complaintForm, { ...valid, channel: 'chat', symptoms: ['broken'], purchasedOn: '2026-02-28', callBackAt: '14:30' });
    // then nothing is wrong
    expect(problems).toEqual([]);
  });

  it('names every required field that is missing, empty or unticked', () => {
    // when a submission leaves the required fields out, empty or unticked
    const problems = sut(complaintForm, { customerName: '', consent: false, address: {} });
    // then each one is named
    expect(problems).toEqual([
      { field: 'customerName', problem: 'is required' },
      { field: 'amount', problem: 'is required' },
      { field: 'category', problem: 'is required' },
      { field: 'consent', problem: 'is required' },
      { field: 'address.city', problem: 'is required' },
    ]);
  });

  it('counts a required field the case already holds as filled in', () => {
    // given the case's variables hold what the submission leaves out
    const variables = { customerName: 'Ada', amount: 10, category: 'inquiry', address: { city: 'Lyon' } };
    // when only the consent is submitted
    // then the form is complete (and the refund reason stays hidden for an inquiry)
    expect(sut(complaintForm, { consent: true }, variables)).toEqual([]);
  });

  it('refuses values of the wrong type, naming the field', () => {
    // when each field gets a value of another type
    const problems = sut(complaintForm, {
      ...valid,
      customerName: 42,
      amount: '12',
      consent: 'yes',
      symptoms: 'broken',
      purchasedOn: 20260101,
    });
    // then each is named with the type it must have
    expect(problems).toEqual([
      { field: 'customerName', problem: 'must be text' },
      { field: 'amount', problem: 'must be a number' },
      { field: 'symptoms', problem: 'must be a list of the options' },
      { field: 'consent', problem: 'must be true or false' },
      { field: 'purchasedOn', problem: 'must be text in ISO 8601 format' },
    ]);
  });

  it('holds selects, radios, checklists and taglists to their options', () => {
    // given the taglist reads its options from a variable of the case
    const variables = { productOptions: [{ label: 'Router', value: 'router' }, 'modem'] };
    // when values outside the options are submitted
    const problems = sut(complaintForm, { ...valid, category: 'praise', channel: 'fax', symptoms: ['late', 'lost'], products: ['modem', 'tv'] }, variables);
    // then each field names the values that are not options
    expect(problems).toEqual([
      { field: 'category', problem: '"praise" is not among the options ("inquiry", "complaint")' },
      { field: 'channel', problem: '"fax" is not among the options ("phone", "chat")' },
      { field: 'symptoms', problem: '"lost" is not among the options ("broken", "late")' },
      { field: 'products', problem: '"tv" is not among the options ("router", "modem")' },
    ]);
  });

  it('applies min, max, decimal digits, lengths, pattern and email', () => {
    // when the values break the field settings
    const problems = sut(complaintForm, { ...valid, customerName: ' A ', email: 'ada@', orderNumber: 'ORD-12', amount: 10000.125 });
    // then each setting is named
    expect(problems).toEqual([
      { field: 'customerName', problem: 'must be at least 2 characters long' },
      { field: 'email', problem: 'must be an email address' },
      { field: 'orderNumber', problem: 'looks like ORD-1234' },
      { field: 'amount', problem: 'must be at most 10000' },
    ]);
    expect(sut(complaintForm, { ...valid, amount: -1 })).toEqual([{ field: 'amount', problem: 'must be at least 0' }]);
    expect(sut(complaintForm, { ...valid, amount: 1.125 })).toEqual([{ field: 'amount', problem: 'must have at most 2 decimal digit(s)' }]);
    expect(sut(complaintForm, { ...valid, customerName: 'x'.repeat(41) })).toEqual([{ field: 'customerName', problem: 'must be at most 40 characters long' }]);
  });

  it('checks dates and times by the field subtype', () => {
    expect(sut(complaintForm, { ...valid, purchasedOn: '2026-02-30' })).toEqual([{ field: 'purchasedOn', problem: 'is not a day of the calendar: 2026-02-30' }]);
    expect(sut(complaintForm, { ...valid, purchasedOn: '28.02.2026', callBackAt: '25:00' })).toEqual([
      { field: 'purchasedOn', problem: 'must be a date as YYYY-MM-DD' },
      { field: 'callBackAt', problem: 'must be a time as HH:mm' },
    ]);
    const meeting: FormSchema = { components: [{ type: 'datetime', key: 'at', subtype: 'datetime' }] };
    expect(sut(meeting, { at: '2026-03-01T09:30:00Z' })).toEqual([]);
    expect(sut(meeting, { at: '2026-03-01 09:30' })).toEqual([{ field: 'at', problem: 'must be a date and time as YYYY-MM-DDTHH:mm' }]);
  });

  it('skips fields hidden by their condition and checks them once shown', () => {
    // given the refund reason is hidden unless the category is a complaint
    const inquiry = { ...valid, category: 'inquiry' };
    delete (inquiry as Record<string, unknown>).refundReason;
    // then an inquiry needs no reason, a complaint does
    expect(sut(complaintForm, inquiry)).toEqual([]);
    expect(sut(complaintForm, { ...inquiry, category: 'complaint' })).toEqual([{ field: 'refundReason', problem: 'is required' }]);
  });

  it('refuses variables the form does not have', () => {
    expect(sut(complaintForm, { ...valid, approved: true })).toEqual([{ field: 'approved', problem: 'is not a field of this form' }]);
  });

  it('evaluates FEEL limits over the form data', () => {
    // given a maximum that depends on another field
    const refund: FormSchema = {
      components: [
        { type: 'number', key: 'paid' },
        { type: 'number', key: 'refund', validate: { max: '=paid' } },
      ],
    };
    // then the limit follows the data
    expect(sut(refund, { paid: 50, refund: 50 })).toEqual([]);
    expect(sut(refund, { paid: 50, refund: 60 })).toEqual([{ field: 'refund', problem: 'must be at most 50' }]);
  });

  it('checks each item of a dynamic list, naming it by position', () => {
    // given a list of order lines, each needing a quantity of at least 1
    const orders: FormSchema = {
      components: [
        {
          type: 'dynamiclist',
          path: 'lines',
          components: [
            { type: 'textfield', key: 'sku', validate: { required: true } },
            { type: 'number', key: 'quantity', validate: { min: 1 } },
          ],
        },
      ],
    };
    // when the second line is incomplete and the first has a bad quantity
    const problems = sut(orders, { lines: [{ sku: 'A-1', quantity: 0 }, { quantity: 2 }] });
    // then both items are named
    expect(problems).toEqual([
      { field: 'lines[0].quantity', problem: 'must be at least 1' },
      { field: 'lines[1].sku', problem: 'is required' },
    ]);
    expect(sut(orders, { lines: 'A-1' })).toEqual([{ field: 'lines', problem: 'must be a list of objects, one per item' }]);
  });

  it('reads dotted keys as nested variables', () => {
    const nested: FormSchema = { components: [{ type: 'number', key: 'customer.age', validate: { required: true, min: 18 } }] };
    expect(sut(nested, { customer: { age: 17 } })).toEqual([{ field: 'customer.age', problem: 'must be at least 18' }]);
    expect(sut(nested, {}, { customer: { age: 30 } })).toEqual([]);
  });
});
