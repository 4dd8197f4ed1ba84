import { parseUnaryTests } from 'feelin';

/** An input entry that matches any value: DMN's '-', or a cell left empty. */
export const matchesAnything = (entry: string): boolean => {
  const text = entry.trim();
  return text === '' || text === '-';
};

/** The position of the first syntax error in FEEL unary tests (an input entry), or undefined when they parse. */
export function unaryTestsSyntaxError(entry: string): string | undefined {
  if (matchesAnything(entry)) return undefined;
  const text = entry.trim();
  let errorAt: number | undefined;
  parseUnaryTests(text, {}, undefined).iterate({
    enter(node) {
      if (node.type.isError && errorAt === undefined) errorAt = node.from;
    },
  });
  return errorAt === undefined ? undefined : `syntax error at character ${errorAt + 1} of "${text}"`;
}
