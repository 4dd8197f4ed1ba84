import { describe, expect, it } from '@jest/globals';
import { evaluate } from 'feelin';
import { isJuel, startsAsJuel, translateJuel } from './juel-to-feel.js';

/** The variables every expression of the table reads; `none` exists with the value null, as a Camunda variable set to null. */
const VARIABLES = {
  approved: true,
  rejected: false,
  amount: 1500,
  clarified: 'yes',
  name: 'Ana',
  count: 7,
  qty: 3,
  price: 9.5,
  blank: '',
  none: null,
  list: [],
  map: {},
  items: [10, 20, 30],
  tags: { 'first-line': true },
  order: { amount: 250, items: ['a', 'b', 'c'], customer: { tier: 'gold', name: 'Ben' } },
};

/**
 * JUEL as Camunda 7 evaluates it (EL 2.2: `/` and `div` always divide exactly, `empty` is true for
 * null, "" and empty collections, null is false where a boolean is needed), with the value each
 * expression has over VARIABLES. Each is translated, then the FEEL is evaluated by feelin.
 */
const TABLE: ReadonlyArray<readonly [juel: string, expected: unknown]> = [
  // variables and booleans
  ['${approved}', true],
  ['#{approved}', true],
  ['${!approved}', false],
  ['${not approved}', false],
  ['${!rejected}', true],
  ['${!none}', true],
  ['${true}', true],
  ['${false}', false],
  ['${null}', null],
  // comparisons, symbols and words
  ['${amount > 1000}', true],
  ['${amount gt 1000}', true],
  ['${amount < 1000}', false],
  ['${amount lt 1000}', false],
  ['${amount >= 1500}', true],
  ['${amount ge 1501}', false],
  ['${amount <= 1500}', true],
  ['${amount le 1499}', false],
  ['${amount == 1500}', true],
  ['${amount eq 1500.0}', true],
  ['${amount != 1500}', false],
  ['${amount ne 1}', true],
  ['${price > 9}', true],
  ["${clarified == 'yes'}", true],
  ['${clarified == "yes"}', true],
  ["${clarified eq 'no'}", false],
  ["${clarified != 'no'}", true],
  ['${"a" == \'a\'}', true],
  ['${none == null}', true],
  ['${name != null}', true],
  ['${order.customer.name == name}', false],
  // and, or, not
  ['${approved && amount > 1000}', true],
  ['${approved and amount > 2000}', false],
  ['${rejected || amount > 1000}', true],
  ['${rejected or amount < 1000}', false],
  ['${!(amount > 1000)}', false],
  ['${not (rejected or approved)}', false],
  ['${approved && !rejected}', true],
  ['${approved || rejected && false}', true],
  ['${rejected || approved && amount > 2000}', false],
  ['${amount >= 1000 && amount < 2000 || rejected}', true],
  ['${count > 5 and count < 10}', true],
  ['${amount != 1500 or name eq "Ana"}', true],
  ['${none && approved}', false],
  ['${none || rejected}', false],
  ['${!(none > 1)}', true],
  ['${(none > 1) == false}', true],
  ['${!(none && approved)}', true],
  ['${!approved == false}', true],
  ['${amount > 1000 == approved}', true],
  // empty
  ['${empty blank}', true],
  ['${empty name}', false],
  ['${empty none}', true],
  ['${empty list}', true],
  ['${empty items}', false],
  ['${empty map}', true],
  ['${not empty order}', true],
  ['${!empty name}', true],
  ['${empty order.customer.name}', false],
  // arithmetic
  ['${amount + 500}', 2000],
  ['${amount - 500}', 1000],
  ['${qty * price}', 28.5],
  ['${amount / 4}', 375],
  ['${amount div 1000}', 1.5],
  ['${7 / 2}', 3.5],
  ['${count % 3}', 1],
  ['${count mod 2}', 1],
  ['${-count}', -7],
  ['${-count + 10}', 3],
  ['${2 + 3 * 4}', 14],
  ['${(2 + 3) * 4}', 20],
  ['${10 - 4 - 3}', 3],
  ['${100 / 10 / 2}', 5],
  ['${amount > 1000 + 400}', true],
  // literals
  ["${'text'}", 'text'],
  ["${'it\\'s'}", "it's"],
  ['${"say \\"hi\\""}', 'say "hi"'],
  ['${42}', 42],
  ['${1.5e3}', 1500],
  ['${0.25}', 0.25],
  // property paths
  ['${order.amount}', 250],
  ['${order.customer.tier}', 'gold'],
  ["${order.customer.tier == 'gold'}", true],
  ["${order['amount'] > 200}", true],
  ["${order['customer']['name']}", 'Ben'],
  ['${order.items[0]}', 'a'],
  ['${items[2]}', 30],
  ['${items[count - 6]}', 20],
  ["${tags['first-line']}", true],
  // ternaries
  ["${amount > 1000 ? 'manager' : 'clerk'}", 'manager'],
  ['${approved ? 1 : 2}', 1],
  ["${none ? 'yes' : 'no'}", 'no'],
  ["${amount > 2000 ? 'big' : amount > 1000 ? 'medium' : 'small'}", 'medium'],
  ["${name == 'Ana' ? 'first-line' : 'second-line'}", 'first-line'],
  // text around expressions (a composite expression: always a string)
  ['Dear ${name}', 'Dear Ana'],
  ['${name}-${count}', 'Ana-7'],
  ['case ${none}.', 'case .'],
];

describe('translateJuel: the JUEL people write, as FEEL with the same value', () => {
  it('holds at least 60 expressions', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(60);
  });

  it.each(TABLE)('%s', (juel, expected) => {
    // when translated
    const sut = translateJuel(juel);
    // then feelin evaluates the FEEL to the value JUEL has; where JUEL has false because a value is
    // null, FEEL may have null, which a condition (and an if) takes as false alike
    if (!sut.translated) throw new Error(`refused: ${sut.reason}`);
    const value = evaluate(sut.feel, VARIABLES).value;
    expect(value === null && expected === false ? false : value).toEqual(expected);
  });

  it.each([
    ['${approved}', 'approved'],
    ['${!approved}', 'approved != true'],
    ['${amount > 1000}', 'amount > 1000'],
    ["${clarified == 'yes'}", 'clarified = "yes"'],
    ['${approved && amount gt 1000}', 'approved and amount > 1000'],
    ['${order.items[0]}', 'order.items[1]'],
    ["${amount > 1000 ? 'manager' : 'clerk'}", 'if amount > 1000 then "manager" else "clerk"'],
    ['${!(a < b)}', '(a < b) != true'],
    ['${!(a == b)}', 'not(a = b)'],
    ['${!approved && !empty name}', 'approved != true and not((name = null or name = "" or name = [] or name = {}) = true)'],
    ['${a mod 2 == 0}', 'modulo(a, 2) = 0'],
  ])('writes %s as the FEEL a designer would: %s', (juel, feel) => {
    expect(translateJuel(juel)).toEqual({ translated: true, feel });
  });
});

describe('translateJuel beyond the subset', () => {
  it.each([
    ['${myBean.check(x)}', /method check\(\) of myBean/, /external task worker/],
    ["${execution.getVariable('amount') > 100}", /execution\.getVariable\('amount'\)/, /\$\{amount\}/],
    ['${execution.processBusinessKey}', /'execution', Camunda's engine object/, /as a variable/],
    ['${task.assignee}', /'task'/, /as a variable/],
    ['${authenticatedUserId}', /authenticatedUserId/, /pass the user as a variable/],
    ['${fn:contains(name, "A")}', /function fn:contains\(\)/, /FEEL/],
    ['${now()}', /function now\(\)/, /FEEL/],
    ['${items.size() > 0}', /method size\(\) of items/, /empty list/],
    ['${amount >}', /not valid JUEL: unexpected the closing '}'/, /FEEL starting with =/],
    ["${'open}", /a string is never closed/, /correct the expression/],
    ['${amount', /never closed with '}'/, /correct/],
    ['${}', /the expression is empty/, /correct/],
    ['${a @ b}', /unexpected character '@'/, /correct/],
    ['${x instanceof y}', /instanceof is not supported/, /correct/],
    ['${for}', /the name 'for' cannot be written in FEEL/, /rename the variable/],
  ])('refuses %s, saying why and what to write instead', (juel, reason, advice) => {
    // when translated
    const sut = translateJuel(juel);
    // then it is refused with a reason and advice
    expect(sut.translated).toBe(false);
    if (sut.translated) return;
    expect(sut.reason).toMatch(reason);
    expect(sut.advice).toMatch(advice);
  });
});

describe('isJuel and startsAsJuel', () => {
  it.each([
    ['${approved}', true, true],
    ['  #{a}', true, true],
    ['Dear ${name}', true, false],
    ['= message = "${x}"', false, false],
    ['plain text', false, false],
  ])('%s: JUEL %s, from its start %s', (text, juel, fromStart) => {
    expect([isJuel(text), startsAsJuel(text)]).toEqual([juel, fromStart]);
  });
});
