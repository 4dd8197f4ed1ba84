import { evaluate, parseExpression, parseUnaryTests } from 'feelin';

/** The variables an expression sees. */
type Variables = Record<string, unknown>;

/**
 * What one FEEL evaluation may cost. FEEL has loops (`for`, `some`, `every` over ranges and
 * lists) and user-defined functions, and feelin evaluates synchronously with no budget of its own:
 * `for x in 1..100000000 return x` would hold the engine for a minute and then exhaust its memory.
 * So each expression is measured before it is evaluated, against the variables it will see.
 */
export const FEEL_LIMITS = {
  /** Characters of expression text. */
  length: 10_000,
  /** Levels of the syntax tree (parentheses, nested lists and contexts). */
  depth: 100,
  /** Iterations of all loops together, nested loops multiplied. */
  iterations: 100_000,
} as const;

type SyntaxNode = ReturnType<typeof parseExpression>['topNode'];

/** Thrown inside the measurement, caught at its edge. */
class TooCostly {
  constructor(readonly reason: string) {}
}

/**
 * Why evaluating the expression could run away, or undefined when its cost is within FEEL_LIMITS.
 * The measure:
 * - a loop over a range `a..b` iterates |b - a| + 1 times; each bound must be known before
 *   evaluation (a number, or an expression over the variables, which is evaluated to find it);
 * - a loop over a list iterates its length, found the same way; a list only known during
 *   evaluation (`line in order.lines`) counts as the longest list in the variables;
 * - nested loops multiply, a loop's body counts once per iteration;
 * - function definitions are refused, because a function can call itself without end, and so is
 *   a context entry that reads an earlier entry of the same context (`{a: s, b: a + a, c: b + b}`),
 *   which doubles a string with each entry.
 * `unaryTests` measures DMN input entries (`< 10, [1..5]`) instead of an expression.
 */
export function feelCostProblem(expression: string, variables: Variables, unaryTests = false): string | undefined {
  if (expression.length > FEEL_LIMITS.length) return `it is ${expression.length} characters long; at most ${FEEL_LIMITS.length} are allowed`;
  const tree = unaryTests ? parseUnaryTests(expression, variables, undefined) : parseExpression(expression, variables, undefined);
  let depth = 0;
  let deepest = 0;
  tree.iterate({
    enter: () => {
      depth += 1;
      deepest = Math.max(deepest, depth);
    },
    leave: () => {
      depth -= 1;
    },
  });
  if (deepest > FEEL_LIMITS.depth) return `it nests ${deepest} levels deep; at most ${FEEL_LIMITS.depth} are allowed`;
  try {
    new Measure(expression, variables).cost(tree.topNode);
    return undefined;
  } catch (error) {
    if (error instanceof TooCostly) return error.reason;
    throw error;
  }
}

class Measure {
  private longestList: number | undefined;

  constructor(
    private readonly expression: string,
    private readonly variables: Variables,
  ) {}

  /** Iterations the node's evaluation takes (at least 0); throws TooCostly past the limit. */
  cost(node: SyntaxNode): number {
    switch (node.type.name) {
      case 'FunctionDefinition':
        throw new TooCostly(`it defines a function ("${this.text(node)}"), which could call itself without end`);
      case 'Context':
        this.refuseEntryReuse(node);
        return this.childrenCost(node);
      case 'ForExpression':
      case 'QuantifiedExpression':
        return this.loopCost(node);
      default:
        return this.childrenCost(node);
    }
  }

  private childrenCost(node: SyntaxNode): number {
    let total = 0;
    for (let child = node.firstChild; child !== null; child = child.nextSibling) total = this.bounded(total + this.cost(child), node);
    return total;
  }

  /** `for a in A, b in B return body`: |A| × |B| iterations of the body, plus what finding A and B takes. */
  private loopCost(node: SyntaxNode): number {
    const contexts = node.getChild('InExpressions')?.getChildren('InExpression') ?? [];
    let iterations = 1;
    let setup = 0;
    for (const context of contexts) {
      const iterated = context.getChild('IterationContext');
      if (iterated === null) continue;
      setup = this.bounded(setup + this.cost(iterated), node);
      iterations = this.bounded(iterations * this.size(iterated), node);
    }
    const body = node.lastChild;
    const perIteration = body === null || body.type.name === 'InExpressions' ? 0 : this.cost(body);
    return this.bounded(setup + iterations * (1 + perIteration), node);
  }

  /** How many values a loop variable takes: the span of a range, or the length of a list. */
  private size(context: SyntaxNode): number {
    const range = context.getChild('..');
    if (range !== null) {
      const start = range.prevSibling;
      const end = range.nextSibling;
      const from = start === null ? null : this.resolve(start);
      const to = end === null ? null : this.resolve(end);
      if (typeof from !== 'number' || typeof to !== 'number' || !Number.isFinite(from) || !Number.isFinite(to)) {
        throw new TooCostly(`the bounds of the range "${this.text(context)}" are not numbers known before evaluation`);
      }
      return Math.floor(Math.abs(to - from)) + 1;
    }
    const list = context.firstChild === null ? null : this.resolve(context.firstChild);
    return Array.isArray(list) ? list.length : this.longestListInVariables();
  }

  /** The value of a part of the expression over the variables alone (null when it needs a loop variable). */
  private resolve(node: SyntaxNode): unknown {
    if (node.type.name === 'NumericLiteral') return Number(this.text(node));
    try {
      return evaluate(this.text(node), this.variables).value;
    } catch {
      return null;
    }
  }

  private longestListInVariables(): number {
    if (this.longestList === undefined) {
      let longest = 1;
      const pending: unknown[] = [this.variables];
      while (pending.length > 0) {
        const value = pending.pop();
        if (Array.isArray(value)) {
          longest = Math.max(longest, value.length);
          pending.push(...value);
        } else if (value !== null && typeof value === 'object') pending.push(...Object.values(value));
      }
      this.longestList = longest;
    }
    return this.longestList;
  }

  /** `{a: s, b: a + a}`: an entry reading an earlier one of the same context. */
  private refuseEntryReuse(context: SyntaxNode): void {
    const keys = new Set<string>();
    for (const entry of context.getChildren('ContextEntry')) {
      const value = entry.lastChild;
      if (value !== null && this.reads(value, keys)) {
        throw new TooCostly(`the context entry "${abbreviate(this.text(entry))}" reads an earlier entry of the same context, which can double its size with each entry`);
      }
      const key = entry.getChild('Key');
      if (key !== null) keys.add(this.text(key).replace(/^"|"$/g, ''));
    }
  }

  /** Whether the node reads one of the names (the tree is at most FEEL_LIMITS.depth deep, so recursion is safe). */
  private reads(node: SyntaxNode, names: ReadonlySet<string>): boolean {
    if (node.type.name === 'VariableName') return names.has(this.text(node).trim());
    for (let child = node.firstChild; child !== null; child = child.nextSibling) if (this.reads(child, names)) return true;
    return false;
  }

  private bounded(iterations: number, node: SyntaxNode): number {
    if (iterations > FEEL_LIMITS.iterations) {
      throw new TooCostly(`"${abbreviate(this.text(node))}" would iterate more than ${FEEL_LIMITS.iterations} times`);
    }
    return iterations;
  }

  private text(node: SyntaxNode): string {
    return this.expression.slice(node.from, node.to);
  }
}

export const abbreviate = (text: string, length = 120): string => (text.length > length ? `${text.slice(0, length)}…` : text);
