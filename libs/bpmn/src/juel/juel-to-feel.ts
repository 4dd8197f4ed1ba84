import { isJuel, JuelSyntaxError, parseJuelTemplate, startsAsJuel, type JuelNode, type JuelPart } from './juel-syntax.js';

/**
 * A JUEL text translated into FEEL, or why it cannot be: `refused` names what is beyond the subset
 * and `advice` what to write instead. The FEEL is a plain expression (no leading `=`).
 */
export type JuelTranslation = { translated: true; feel: string } | { translated: false; reason: string; advice: string };

/** Thrown inside the emitter when a node is beyond the subset; caught by translateJuel. */
class Beyond extends Error {
  constructor(
    readonly reason: string,
    readonly advice: string,
  ) {
    super(reason);
  }
}

/** Camunda 7's engine objects in expressions: Tandem exposes none of them. */
const ENGINE_OBJECTS = new Set(['execution', 'task', 'externalTask', 'caseExecution', 'authenticatedUserId', 'variableScope', 'connector']);

/** Words FEEL reserves: a JUEL variable with one of these names cannot be written as a FEEL name. */
const FEEL_KEYWORDS = new Set(['for', 'return', 'if', 'then', 'else', 'some', 'every', 'satisfies', 'in', 'instance', 'of', 'function', 'external', 'between']);

/**
 * Translates a JUEL text (`${...}`, `#{...}`, or text around them) into FEEL with the same value:
 * - `${var}`, property paths (`order.amount`, `order['amount']`, `items[0]`, indexes counted from 1 in FEEL);
 * - `==`/`eq`, `!=`/`ne`, `<`/`lt`, `>`/`gt`, `<=`/`le`, `>=`/`ge`; `&&`/`and`, `||`/`or`, `!`/`not`, `empty`;
 * - `+ - * / div % mod`, unary minus; string, number, `true`/`false`/`null` literals; `a ? b : c`;
 * - a text with several expressions or literal text around one becomes a FEEL string concatenation.
 * JUEL coerces null to false where it needs a boolean: `!x` becomes `x != true`; and/or, an if and a
 * condition take null as false in FEEL too, so a null value there gives what Camunda gives.
 * Method and function calls and Camunda's engine objects (`execution`, `task`) are refused.
 */
export function translateJuel(text: string): JuelTranslation {
  let parts: JuelPart[];
  try {
    parts = parseJuelTemplate(text);
  } catch (error) {
    if (!(error instanceof JuelSyntaxError)) throw error;
    return {
      translated: false,
      reason: `it is not valid JUEL: ${error.message} (character ${error.position})`,
      advice: 'correct the expression, or write it in FEEL starting with =',
    };
  }
  try {
    const [only] = parts;
    if (parts.length === 1 && only?.kind === 'expression') return { translated: true, feel: emit(only.node).text };
    const pieces = parts.map((part) => (part.kind === 'text' ? feelString(part.text) : asText(part.node)));
    return { translated: true, feel: pieces.join(' + ') };
  } catch (error) {
    if (!(error instanceof Beyond)) throw error;
    return { translated: false, reason: error.reason, advice: error.advice };
  }
}

export { isJuel, startsAsJuel };

/** FEEL precedence, loosest first: the emitter parenthesizes a child that binds looser than its place needs. */
const PRECEDENCE = { conditional: 1, or: 2, and: 3, comparison: 4, additive: 5, multiplicative: 6, unary: 7, primary: 8 } as const;

/**
 * What a FEEL expression yields, for the coercions JUEL makes: `boolean` true or false only;
 * `truth` true, false or null where JUEL has false (a comparison with a null operand, and/or over
 * one), which a condition or an if-test takes as false alike; `value` anything.
 */
type Yields = 'boolean' | 'truth' | 'value';

interface Feel {
  text: string;
  precedence: number;
  yields: Yields;
}

const feel = (text: string, precedence: number, yields: Yields = 'value'): Feel => ({ text, precedence, yields });

const at = (child: Feel, least: number): string => (child.precedence >= least ? child.text : `(${child.text})`);

function emit(node: JuelNode): Feel {
  switch (node.kind) {
    case 'literal':
      return literal(node.value);
    case 'identifier':
      return feel(name(node.name), PRECEDENCE.primary);
    case 'member':
      rootIsData(node);
      return feel(`${at(emit(node.object), PRECEDENCE.primary)}.${name(node.property)}`, PRECEDENCE.primary);
    case 'index':
      rootIsData(node);
      return index(node.object, node.index);
    case 'call':
      return refuseCall(node.callee, node.args);
    case 'function':
      throw new Beyond(
        `it calls the function ${node.name}(), which runs Java code in Camunda`,
        'compute the value in an external task worker and test the variable it sets, or write the expression in FEEL starting with = (FEEL has functions for strings, numbers, lists and dates)',
      );
    case 'unary':
      if (node.operator === '-') return feel(`-${at(emit(node.operand), PRECEDENCE.unary)}`, PRECEDENCE.unary);
      if (node.operator === '!') return negate(emit(node.operand));
      return isEmpty(emit(node.operand));
    case 'binary':
      return binary(node.operator, emit(node.left), emit(node.right));
    case 'conditional': {
      const consequent = emit(node.consequent);
      const alternate = emit(node.alternate);
      // FEEL's if takes null as false, as JUEL coerces null to false.
      return feel(
        `if ${emit(node.test).text} then ${consequent.text} else ${alternate.text}`,
        PRECEDENCE.conditional,
        consequent.yields === 'boolean' && alternate.yields === 'boolean' ? 'boolean' : 'value',
      );
    }
  }
}

function literal(value: string | number | boolean | null): Feel {
  if (typeof value === 'string') return feel(feelString(value), PRECEDENCE.primary);
  if (typeof value === 'number') return feel(feelNumber(value), value < 0 ? PRECEDENCE.unary : PRECEDENCE.primary);
  return feel(String(value), PRECEDENCE.primary, value === null ? 'value' : 'boolean');
}

/** FEEL has no exponent notation: 1e3 is written 1000. */
const feelNumber = (value: number): string =>
  Number.isInteger(value) ? BigInt(value).toString() : value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });

const feelString = (value: string): string => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

function name(identifier: string): string {
  if (ENGINE_OBJECTS.has(identifier)) {
    throw new Beyond(
      `it reads '${identifier}', Camunda's engine object, which Tandem does not expose`,
      identifier === 'authenticatedUserId'
        ? 'pass the user as a variable when the case starts or the task completes'
        : 'read process variables by their names, e.g. ${amount}; pass anything else (the business key, ids) as a variable',
    );
  }
  if (!/^[A-Za-z_][\w]*$/.test(identifier) || FEEL_KEYWORDS.has(identifier)) {
    throw new Beyond(`the name '${identifier}' cannot be written in FEEL`, 'rename the variable (letters, digits and _ only, not a FEEL keyword)');
  }
  return identifier;
}

/** `execution.x` and `task.x` are engine objects whatever follows; everything else starts at a variable. */
function rootIsData(node: JuelNode): void {
  let root = node;
  while (root.kind === 'member' || root.kind === 'index') root = root.object;
  if (root.kind === 'identifier') name(root.name);
}

function index(object: JuelNode, index: JuelNode): Feel {
  const target = at(emit(object), PRECEDENCE.primary);
  if (index.kind === 'literal' && typeof index.value === 'number' && Number.isInteger(index.value) && index.value >= 0) {
    // JUEL counts list items from 0, FEEL from 1.
    return feel(`${target}[${index.value + 1}]`, PRECEDENCE.primary);
  }
  if (index.kind === 'literal' && typeof index.value === 'string') {
    return /^[A-Za-z_]\w*$/.test(index.value) && !FEEL_KEYWORDS.has(index.value)
      ? feel(`${target}.${index.value}`, PRECEDENCE.primary)
      : feel(`get value(${target}, ${feelString(index.value)})`, PRECEDENCE.primary);
  }
  // A computed index reads a list by position or a map by key, as JUEL does.
  const key = emit(index);
  return feel(`(if ${target} instance of list then ${target}[${at(key, PRECEDENCE.additive + 1)} + 1] else get value(${target}, ${key.text}))`, PRECEDENCE.primary);
}

/** Advice for the methods people call on values, where FEEL has the same thing. */
const METHOD_ADVICE: Record<string, string> = {
  size: 'use ${empty list} or ${not empty list}; in FEEL, count(list) or string length(text)',
  isEmpty: 'use ${empty value}',
  contains: 'write it in FEEL starting with =: list contains(list, item) or contains(text, part)',
  equals: 'compare with ==, e.g. ${status == "open"}',
  toString: 'write it in FEEL starting with =: string(value)',
  startsWith: 'write it in FEEL starting with =: starts with(text, prefix)',
  endsWith: 'write it in FEEL starting with =: ends with(text, suffix)',
  toUpperCase: 'write it in FEEL starting with =: upper case(text)',
  toLowerCase: 'write it in FEEL starting with =: lower case(text)',
};

function refuseCall(callee: JuelNode, args: JuelNode[]): never {
  if (callee.kind === 'member' && callee.object.kind === 'identifier' && ENGINE_OBJECTS.has(callee.object.name)) {
    const [first] = args;
    if (/^getVariable(Local|Typed)?$/.test(callee.property) && first?.kind === 'literal' && typeof first.value === 'string') {
      throw new Beyond(`it calls ${callee.object.name}.${callee.property}('${first.value}') on Camunda's engine object`, `read the variable directly: \${${first.value}}`);
    }
    name(callee.object.name);
  }
  const method = callee.kind === 'member' ? callee.property : callee.kind === 'identifier' ? callee.name : 'a method';
  const on = callee.kind === 'member' ? ` of ${describe(callee.object)}` : '';
  throw new Beyond(
    `it calls the method ${method}()${on}, which runs Java code in Camunda`,
    METHOD_ADVICE[method] ??
      'let an external task worker compute the value (a service task with camunda:type="external" and a camunda:topic) and test the variable it sets instead, e.g. ${checked}',
  );
}

const describe = (node: JuelNode): string => (node.kind === 'identifier' ? node.name : node.kind === 'member' ? `${describe(node.object)}.${node.property}` : 'a value');

/** Compared with true: null (a missing variable too) and anything but true become false, as JUEL coerces them. */
const strict = (value: Feel): Feel => (value.yields === 'boolean' ? value : feel(`${at(value, PRECEDENCE.comparison + 1)} = true`, PRECEDENCE.comparison, 'boolean'));

function negate(value: Feel): Feel {
  if (value.yields === 'boolean') return feel(`not(${value.text})`, PRECEDENCE.primary, 'boolean');
  return feel(`${at(value, PRECEDENCE.comparison + 1)} != true`, PRECEDENCE.comparison, 'boolean');
}

/** JUEL's empty: null, an empty string, an empty list or an empty map. */
function isEmpty(value: Feel): Feel {
  const operand = at(value, PRECEDENCE.comparison + 1);
  // A comparison of values of two types is null in FEEL, so the whole is compared with true.
  return feel(`(${operand} = null or ${operand} = "" or ${operand} = [] or ${operand} = {}) = true`, PRECEDENCE.comparison, 'boolean');
}

const FEEL_OPERATORS: Record<string, { text: string; precedence: number; yields: Yields }> = {
  '||': { text: 'or', precedence: PRECEDENCE.or, yields: 'truth' },
  '&&': { text: 'and', precedence: PRECEDENCE.and, yields: 'truth' },
  '==': { text: '=', precedence: PRECEDENCE.comparison, yields: 'boolean' },
  '!=': { text: '!=', precedence: PRECEDENCE.comparison, yields: 'boolean' },
  '<': { text: '<', precedence: PRECEDENCE.comparison, yields: 'truth' },
  '>': { text: '>', precedence: PRECEDENCE.comparison, yields: 'truth' },
  '<=': { text: '<=', precedence: PRECEDENCE.comparison, yields: 'truth' },
  '>=': { text: '>=', precedence: PRECEDENCE.comparison, yields: 'truth' },
  '+': { text: '+', precedence: PRECEDENCE.additive, yields: 'value' },
  '-': { text: '-', precedence: PRECEDENCE.additive, yields: 'value' },
  '*': { text: '*', precedence: PRECEDENCE.multiplicative, yields: 'value' },
  '/': { text: '/', precedence: PRECEDENCE.multiplicative, yields: 'value' },
};

function binary(operator: string, left: Feel, right: Feel): Feel {
  if (operator === '%') return feel(`modulo(${left.text}, ${right.text})`, PRECEDENCE.primary);
  const { text, precedence, yields } = FEEL_OPERATORS[operator]!;
  // and/or take null as false as JUEL does (the result may then be null where JUEL has false: a truth);
  // both associate either way.
  if (operator === '&&' || operator === '||') {
    const both = left.yields === 'boolean' && right.yields === 'boolean' ? 'boolean' : 'truth';
    return feel(`${at(left, precedence)} ${text} ${at(right, precedence)}`, precedence, both);
  }
  // == compares what JUEL compares: a truth must be made true or false first. Comparisons do not chain in FEEL.
  const [l, r] = operator === '==' || operator === '!=' ? [truthAsBoolean(left), truthAsBoolean(right)] : [left, right];
  const leftNeeds = precedence === PRECEDENCE.comparison ? precedence + 1 : precedence;
  return feel(`${at(l, leftNeeds)} ${text} ${at(r, precedence + 1)}`, precedence, yields);
}

const truthAsBoolean = (value: Feel): Feel => (value.yields === 'truth' ? strict(value) : value);

/** A value inside a template's text: JUEL writes null as the empty string. */
function asText(node: JuelNode): string {
  const value = emit(node);
  const operand = at(value, PRECEDENCE.comparison + 1);
  return `(if ${operand} = null then "" else string(${value.text}))`;
}
