/** The NUL character, raw or as a character reference: in XML, and in JSON text. */
// eslint-disable-next-line no-control-regex -- matching the NUL character is the point.
const NUL = { xml: /\u0000|&#0+;|&#x0+;/i, json: /\u0000|\\u0000/i } as const;

/**
 * Where a document holds the NUL character (the 1-based line), or undefined. XML does not allow it,
 * even as a character reference, and PostgreSQL text and jsonb cannot hold it, so a model, decision
 * or form with one is refused as malformed rather than failing when it is stored.
 */
export function nulCharacterLine(text: string, syntax: keyof typeof NUL): number | undefined {
  const match = NUL[syntax].exec(text);
  return match === null ? undefined : text.slice(0, match.index).split('\n').length;
}
