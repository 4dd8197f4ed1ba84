/**
 * The XML readers (saxen in bpmn-moddle and dmn-moddle) build the model recursively, so a document
 * nested thousands of levels deep overflows the stack. No real model nests anywhere near this deep
 * (each embedded sub-process adds one level), so deeper documents are refused before reading.
 */
export const MAX_NESTING_DEPTH = 200;

/** Where the document first nests deeper than the limit: the 1-based line of that start tag; undefined when it never does. */
export function firstTooDeep(xml: string, limit = MAX_NESTING_DEPTH): { line: number } | undefined {
  let depth = 0;
  for (let at = xml.indexOf('<'); at !== -1; at = xml.indexOf('<', at + 1)) {
    const next = xml[at + 1];
    if (next === '?' || next === '!') {
      at = skipMarkup(xml, at);
      if (at === -1) return undefined;
      continue;
    }
    const end = xml.indexOf('>', at);
    if (end === -1) return undefined;
    if (next === '/') depth -= 1;
    else if (xml[end - 1] !== '/') {
      depth += 1;
      if (depth > limit) return { line: lineAt(xml, at) };
    }
    at = end;
  }
  return undefined;
}

/** Past a processing instruction, comment or CDATA section (whose text may hold `<`). */
function skipMarkup(xml: string, at: number): number {
  const closer = xml.startsWith('<!--', at) ? '-->' : xml.startsWith('<![CDATA[', at) ? ']]>' : xml[at + 1] === '?' ? '?>' : '>';
  const end = xml.indexOf(closer, at);
  return end === -1 ? -1 : end + closer.length - 1;
}

const lineAt = (xml: string, at: number): number => {
  let line = 1;
  for (let index = xml.indexOf('\n'); index !== -1 && index < at; index = xml.indexOf('\n', index + 1)) line += 1;
  return line;
};
