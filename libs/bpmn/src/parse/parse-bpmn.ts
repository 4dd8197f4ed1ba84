import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import { DomainError } from '#core';
import { BPMN_ERRORS } from '../bpmn-errors.js';
import { tandemDescriptor } from '../moddle/tandem.js';
import type { Problem } from '../problem.js';
import { firstTooDeep, MAX_NESTING_DEPTH } from './nesting-depth.js';
import { nulCharacterLine } from './nul-character.js';
import { describeReaderMessage, readPosition } from './reader-message.js';

export interface ParsedBpmn {
  definitions: ModdleElement;
  /** What the XML reader could not map to BPMN (unknown elements, dangling references): never ignored. */
  problems: Problem[];
}

const DOCTYPE = /<!DOCTYPE/i;

/**
 * The reader warns about any declared encoding but UTF-8 (ISO-8859-1 in many modeling tools'
 * exports), yet it is given text decoded already: only a character that did not decode (U+FFFD)
 * means the declaration mattered. Such text stays refused, naming the encoding.
 */
const decodedAlready = (message: string, xml: string): boolean => message.startsWith('unsupported document encoding') && !xml.includes('\uFFFD');

/**
 * Reads BPMN 2.0 XML with bpmn-moddle and the tandem: extension. Throws a DomainError only when there
 * is no document to validate (not XML, not BPMN); everything else is collected as problems.
 */
export async function parseBpmn(xml: string): Promise<ParsedBpmn> {
  if (xml.trim() === '') {
    throw new DomainError(BPMN_ERRORS.malformed, 'The BPMN document is empty.');
  }
  if (DOCTYPE.test(xml)) {
    throw new DomainError(BPMN_ERRORS.doctypeForbidden, 'The BPMN document contains a DOCTYPE; entity and DTD declarations are not accepted.');
  }
  const nulLine = nulCharacterLine(xml, 'xml');
  if (nulLine !== undefined) {
    throw new DomainError(BPMN_ERRORS.malformed, `The BPMN document contains the NUL character (line ${nulLine}), which XML does not allow.`, { line: nulLine });
  }
  const tooDeep = firstTooDeep(xml);
  if (tooDeep) {
    throw new DomainError(BPMN_ERRORS.tooDeep, `The BPMN document nests elements more than ${MAX_NESTING_DEPTH} levels deep (line ${tooDeep.line}).`, tooDeep);
  }
  const moddle = new BpmnModdle({ tandem: tandemDescriptor });
  try {
    const { rootElement, warnings } = await moddle.fromXML(xml, 'bpmn:Definitions');
    return {
      definitions: rootElement,
      problems: warnings
        .filter((warning) => !decodedAlready(warning.message, xml))
        .map((warning) => ({
          elementId: warning.element?.id ?? null,
          rule: 'bpmn-schema',
          severity: 'error',
          message: describeReaderMessage(warning.message),
        })),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.startsWith('failed to parse document as')) {
      throw new DomainError(
        BPMN_ERRORS.notBpmn,
        'The XML is not a BPMN 2.0 document: its root must be <definitions> in the namespace http://www.omg.org/spec/BPMN/20100524/MODEL.',
      );
    }
    throw new DomainError(BPMN_ERRORS.malformed, `The BPMN XML does not parse: ${describeReaderMessage(message)}`, {
      ...readPosition(message),
    });
  }
}
