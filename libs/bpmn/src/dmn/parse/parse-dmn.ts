import { DomainError } from '#core';
import { DmnModdle, type DmnElement } from 'dmn-moddle';
import type { Problem } from '../../problem.js';
import { DMN_ERRORS } from '../dmn-errors.js';
import { firstTooDeep, MAX_NESTING_DEPTH } from '../../parse/nesting-depth.js';
import { nulCharacterLine } from '../../parse/nul-character.js';
import { describeReaderMessage, duplicateIdIn, readPosition } from '../../parse/reader-message.js';

export interface ParsedDmn {
  definitions: DmnElement;
  /** What the XML reader could not map to DMN (unknown elements, duplicate ids): never ignored. */
  problems: Problem[];
}

export const DMN13_NAMESPACE = 'https://www.omg.org/spec/DMN/20191111/MODEL/';

const DOCTYPE = /<!DOCTYPE/i;
const OLDER_DMN_NAMESPACE = /omg\.org\/spec\/DMN\/(20151101|20180521)/;

/**
 * Reads DMN 1.3 XML with dmn-moddle. Throws a DomainError only when there is no document to
 * validate (empty, not XML, not DMN, a DOCTYPE); everything else is collected as problems.
 */
export async function parseDmn(xml: string): Promise<ParsedDmn> {
  if (xml.trim() === '') {
    throw new DomainError(DMN_ERRORS.malformed, 'The DMN document is empty.');
  }
  if (DOCTYPE.test(xml)) {
    throw new DomainError(DMN_ERRORS.doctypeForbidden, 'The DMN document contains a DOCTYPE; entity and DTD declarations are not accepted.');
  }
  const nulLine = nulCharacterLine(xml, 'xml');
  if (nulLine !== undefined) {
    throw new DomainError(DMN_ERRORS.malformed, `The DMN document contains the NUL character (line ${nulLine}), which XML does not allow.`, { line: nulLine });
  }
  const tooDeep = firstTooDeep(xml);
  if (tooDeep) {
    throw new DomainError(DMN_ERRORS.tooDeep, `The DMN document nests elements more than ${MAX_NESTING_DEPTH} levels deep (line ${tooDeep.line}).`, tooDeep);
  }
  try {
    const { rootElement, warnings } = await new DmnModdle().fromXML(xml, 'dmn:Definitions');
    return { definitions: rootElement, problems: warnings.map((warning) => readerProblem(warning.message)) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.startsWith('failed to parse document as')) {
      throw new DomainError(DMN_ERRORS.notDmn, notDmnMessage(xml));
    }
    throw new DomainError(DMN_ERRORS.malformed, `The DMN XML does not parse: ${describeReaderMessage(message)}`, {
      ...readPosition(message),
    });
  }
}

function readerProblem(message: string): Problem {
  const duplicateId = duplicateIdIn(message);
  if (duplicateId !== undefined) {
    return {
      elementId: duplicateId,
      rule: 'unique-id',
      severity: 'error',
      message: `The id '${duplicateId}' is used by more than one element; ids must be unique, decision ids most of all, since a business-rule task calls a decision by its id (${describeReaderMessage(message)}).`,
    };
  }
  return { elementId: null, rule: 'dmn-schema', severity: 'error', message: describeReaderMessage(message) };
}

function notDmnMessage(xml: string): string {
  const expected = `its root must be <definitions> in the namespace ${DMN13_NAMESPACE}`;
  return OLDER_DMN_NAMESPACE.test(xml)
    ? `The XML uses an older DMN namespace; only DMN 1.3 is read: ${expected} (Camunda Modeler saves DMN 1.3).`
    : `The XML is not a DMN 1.3 document: ${expected}.`;
}
