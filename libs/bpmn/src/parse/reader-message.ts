/**
 * Moddle's reader reports (BPMN and DMN alike) span lines ("unparsable content ...\n line: 0\n
 * column: 12\n nested error: ..."); these fold them into one sentence with a 1-based line.
 */
export function describeReaderMessage(message: string): string {
  const [headline] = message.split('\n');
  const nested = /nested error: (.*)/.exec(message)?.[1];
  const { line, column } = readPosition(message);
  const where = line === undefined ? '' : ` (line ${line + 1}, column ${column})`;
  return `${headline}${nested ? `: ${nested}` : ''}${where}`;
}

/** The reader's 0-based line and its column, when the message has them. */
export function readPosition(message: string): { line?: number; column?: number } {
  const line = /line: (\d+)/.exec(message)?.[1];
  const column = /column: (\d+)/.exec(message)?.[1];
  return line === undefined ? {} : { line: Number(line), column: Number(column) };
}

/** The id a "duplicate ID" report is about; the reader drops the second element carrying it. */
export const duplicateIdIn = (message: string): string | undefined => /nested error: duplicate ID <([^>]*)>/.exec(message)?.[1];
