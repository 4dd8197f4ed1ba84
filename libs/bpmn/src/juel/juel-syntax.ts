/**
 * The part of JUEL (the Unified Expression Language of Camunda 7, EL 2.2) that people write in
 * models: literals, variables, property paths, operators and ternaries. Method and function calls
 * parse too, so the translator can name them when it refuses them.
 */
export type JuelNode =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'identifier'; name: string }
  | { kind: 'member'; object: JuelNode; property: string }
  | { kind: 'index'; object: JuelNode; index: JuelNode }
  | { kind: 'call'; callee: JuelNode; args: JuelNode[] }
  | { kind: 'function'; name: string; args: JuelNode[] }
  | { kind: 'unary'; operator: '-' | '!' | 'empty'; operand: JuelNode }
  | { kind: 'binary'; operator: BinaryOperator; left: JuelNode; right: JuelNode }
  | { kind: 'conditional'; test: JuelNode; consequent: JuelNode; alternate: JuelNode };

export type BinaryOperator = '||' | '&&' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%';

/** One `${...}` or `#{...}` of a template, or the literal text between them. */
export type JuelPart = { kind: 'text'; text: string } | { kind: 'expression'; source: string; node: JuelNode };

/** A JUEL text that does not parse: what is wrong, and where (1-based, in the whole text). */
export class JuelSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

type Token =
  | { type: 'number'; value: number; at: number }
  | { type: 'string'; value: string; at: number }
  | { type: 'name'; value: string; at: number }
  | { type: 'op'; value: string; at: number }
  | { type: 'end'; at: number };

/** The word operators and their symbols. */
const WORD_OPERATORS: Record<string, string> = {
  and: '&&',
  or: '||',
  not: '!',
  eq: '==',
  ne: '!=',
  lt: '<',
  gt: '>',
  le: '<=',
  ge: '>=',
  div: '/',
  mod: '%',
  empty: 'empty',
  instanceof: 'instanceof',
};

const SYMBOLS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '+', '-', '*', '/', '%', '?', ':', '.', '[', ']', '(', ')', ','];

/**
 * Whether a text holds a JUEL expression (`${...}` or `#{...}`); anything else is plain text to
 * Camunda too, and FEEL marked with `=` is FEEL whatever its strings hold.
 */
export const isJuel = (text: string): boolean => !text.trimStart().startsWith('=') && /[$#]\{/.test(text);

/** A text that is one JUEL expression from its first character: never FEEL, whatever the model's namespaces. */
export const startsAsJuel = (text: string): boolean => /^\s*[$#]\{/.test(text);

/** Splits a text into literal text and parsed `${...}` / `#{...}` expressions; throws JuelSyntaxError. */
export function parseJuelTemplate(text: string): JuelPart[] {
  const parts: JuelPart[] = [];
  let at = 0;
  while (at < text.length) {
    const start = text.slice(at).search(/[$#]\{/);
    if (start === -1) {
      parts.push({ kind: 'text', text: text.slice(at) });
      break;
    }
    if (start > 0) parts.push({ kind: 'text', text: text.slice(at, at + start) });
    const open = at + start + 2;
    const tokens = tokenize(text, open);
    const close = tokens[tokens.length - 1]!.at;
    const node = new Parser(tokens).parseAll();
    parts.push({ kind: 'expression', source: text.slice(at + start, close + 1), node });
    at = close + 1;
  }
  return parts;
}

/** The tokens of one expression, from `from` up to its closing `}` (the `end` token sits on it). */
function tokenize(text: string, from: number): Token[] {
  const tokens: Token[] = [];
  let at = from;
  while (at < text.length) {
    const char = text[at]!;
    if (/\s/.test(char)) {
      at += 1;
      continue;
    }
    if (char === '}') {
      tokens.push({ type: 'end', at });
      return tokens;
    }
    if (char === "'" || char === '"') {
      const { value, next } = readString(text, at);
      tokens.push({ type: 'string', value, at });
      at = next;
      continue;
    }
    const number = /^(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)/.exec(text.slice(at));
    if (number) {
      tokens.push({ type: 'number', value: Number(number[0]), at });
      at += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_$][\w$]*/.exec(text.slice(at));
    if (name) {
      const word = WORD_OPERATORS[name[0]];
      tokens.push(word ? { type: 'op', value: word, at } : { type: 'name', value: name[0], at });
      at += name[0].length;
      continue;
    }
    const symbol = SYMBOLS.find((candidate) => text.startsWith(candidate, at));
    if (!symbol) throw new JuelSyntaxError(`unexpected character '${char}'`, at + 1);
    tokens.push({ type: 'op', value: symbol, at });
    at += symbol.length;
  }
  throw new JuelSyntaxError(`the expression opened at character ${from - 1} is never closed with '}'`, from - 1);
}

function readString(text: string, from: number): { value: string; next: number } {
  const quote = text[from];
  let value = '';
  for (let at = from + 1; at < text.length; at += 1) {
    const char = text[at]!;
    if (char === quote) return { value, next: at + 1 };
    if (char === '\\' && (text[at + 1] === quote || text[at + 1] === '\\')) {
      value += text[at + 1];
      at += 1;
    } else value += char;
  }
  throw new JuelSyntaxError('a string is never closed', from + 1);
}

/** Recursive descent, one method per precedence level of the EL specification (section 1.17). */
class Parser {
  private at = 0;

  constructor(private readonly tokens: Token[]) {}

  parseAll(): JuelNode {
    if (this.peek().type === 'end') throw new JuelSyntaxError('the expression is empty', this.peek().at + 1);
    const node = this.conditional();
    const rest = this.peek();
    if (rest.type !== 'end') throw new JuelSyntaxError(`unexpected ${describeToken(rest)}`, rest.at + 1);
    return node;
  }

  private conditional(): JuelNode {
    const test = this.binary(0);
    if (!this.accept('?')) return test;
    const consequent = this.conditional();
    this.expect(':');
    return { kind: 'conditional', test, consequent, alternate: this.conditional() };
  }

  private static readonly LEVELS: readonly (readonly string[])[] = [['||'], ['&&'], ['==', '!='], ['<', '>', '<=', '>='], ['+', '-'], ['*', '/', '%']];

  private binary(level: number): JuelNode {
    if (level === Parser.LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const token = this.peek();
      if (token.type === 'op' && token.value === 'instanceof') throw new JuelSyntaxError('instanceof is not supported', token.at + 1);
      if (token.type !== 'op' || !Parser.LEVELS[level]!.includes(token.value)) return left;
      this.at += 1;
      left = { kind: 'binary', operator: token.value as BinaryOperator, left, right: this.binary(level + 1) };
    }
  }

  private unary(): JuelNode {
    const token = this.peek();
    if (token.type === 'op' && (token.value === '-' || token.value === '!' || token.value === 'empty')) {
      this.at += 1;
      return { kind: 'unary', operator: token.value, operand: this.unary() };
    }
    return this.value();
  }

  private value(): JuelNode {
    let node = this.primary();
    for (;;) {
      if (this.accept('.')) {
        const name = this.next();
        if (name.type !== 'name') throw new JuelSyntaxError(`a property name must follow '.', not ${describeToken(name)}`, name.at + 1);
        node = { kind: 'member', object: node, property: name.value };
      } else if (this.accept('[')) {
        const index = this.conditional();
        this.expect(']');
        node = { kind: 'index', object: node, index };
      } else if (this.accept('(')) {
        node = { kind: 'call', callee: node, args: this.args() };
      } else return node;
    }
  }

  private primary(): JuelNode {
    const token = this.next();
    if (token.type === 'number' || token.type === 'string') return { kind: 'literal', value: token.value };
    if (token.type === 'name') {
      if (token.value === 'true' || token.value === 'false') return { kind: 'literal', value: token.value === 'true' };
      if (token.value === 'null') return { kind: 'literal', value: null };
      // A function: `fn(...)` or `prefix:fn(...)`.
      const colon = this.peek();
      if (colon.type === 'op' && colon.value === ':' && this.tokens[this.at + 1]?.type === 'name' && this.isOp(this.tokens[this.at + 2], '(')) {
        const local = this.tokens[this.at + 1] as { value: string };
        this.at += 3;
        return { kind: 'function', name: `${token.value}:${local.value}`, args: this.args() };
      }
      if (this.isOp(this.peek(), '(')) {
        this.at += 1;
        return { kind: 'function', name: token.value, args: this.args() };
      }
      return { kind: 'identifier', name: token.value };
    }
    if (token.type === 'op' && token.value === '(') {
      const inner = this.conditional();
      this.expect(')');
      return inner;
    }
    throw new JuelSyntaxError(`unexpected ${describeToken(token)}`, token.at + 1);
  }

  private args(): JuelNode[] {
    const args: JuelNode[] = [];
    if (this.accept(')')) return args;
    do args.push(this.conditional());
    while (this.accept(','));
    this.expect(')');
    return args;
  }

  private peek(): Token {
    return this.tokens[this.at]!;
  }

  private next(): Token {
    const token = this.tokens[this.at]!;
    if (token.type !== 'end') this.at += 1;
    return token;
  }

  private isOp(token: Token | undefined, value: string): boolean {
    return token?.type === 'op' && token.value === value;
  }

  private accept(value: string): boolean {
    if (!this.isOp(this.peek(), value)) return false;
    this.at += 1;
    return true;
  }

  private expect(value: string): void {
    const token = this.peek();
    if (!this.accept(value)) throw new JuelSyntaxError(`expected '${value}' but found ${describeToken(token)}`, token.at + 1);
  }
}

const describeToken = (token: Token): string => (token.type === 'end' ? "the closing '}'" : `'${String(token.value)}'`);
