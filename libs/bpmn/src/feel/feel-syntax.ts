import { parseExpression } from 'feelin';

/** Camunda 8 marks FEEL with a leading `=`; it is optional in conditions and required elsewhere. */
export const isFeel = (text: string): boolean => text.trimStart().startsWith('=');

export const stripFeelPrefix = (text: string): string => text.trim().replace(/^=/, '').trim();

/** The position of the first syntax error in a FEEL expression, or undefined when it parses. */
export function feelSyntaxError(expression: string): string | undefined {
  const body = stripFeelPrefix(expression);
  if (body === '') return 'the expression is empty';
  let errorAt: number | undefined;
  parseExpression(body, {}, undefined).iterate({
    enter(node) {
      if (node.type.isError && errorAt === undefined) errorAt = node.from;
    },
  });
  return errorAt === undefined ? undefined : `syntax error at character ${errorAt + 1} of "${body}"`;
}
