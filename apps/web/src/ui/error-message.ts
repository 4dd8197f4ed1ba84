import { describeReaderMessage } from '#bpmn';

/**
 * A person-readable message for any error. The XML reader's reports span lines ("unparsable
 * content ...\n line: 3\n column: 29\n nested error: ..."): folded into one sentence with a
 * 1-based line, as the server words them.
 */
export const messageOf = (error: unknown): string => describeReaderMessage(error instanceof Error ? error.message : String(error));
