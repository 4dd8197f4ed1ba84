import { stringify, type Options } from 'csv-stringify/sync';

/** A cell a spreadsheet would read as a formula (OWASP's list: = + - @ tab, carriage return). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A plain decimal number ("-0.25", "-1.5e-7"): a spreadsheet reads it as that number, never as a formula. */
const NUMBER_LITERAL = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * A text cell as a spreadsheet may safely open it: one that starts like a formula gets a leading
 * single quote (OWASP CSV injection), so `=HYPERLINK(...)` stays text. A number written as text
 * ("-0.5", the verdict's figures) stays as it is: it cannot run, and quoting it would turn a
 * reader's number into text. Numbers proper are never touched.
 */
export const formulaSafe = (text: string): string => (FORMULA_START.test(text) && !NUMBER_LITERAL.test(text) ? `'${text}` : text);

/** CSV as the engine writes every CSV: csv-stringify with each text cell made formula-safe. */
export const writeCsv = (records: readonly unknown[], options: Omit<Options, 'cast'> = {}): string =>
  stringify(records as unknown[], { ...options, cast: { string: formulaSafe } });
