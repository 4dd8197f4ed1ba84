import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { inlineDmn } from '../dmn/testing/inline-dmn.js';
import { MINIMAL_PROCESS } from '../testing/inline-bpmn.js';
import { documentKind } from './document-kind.js';

describe('documentKind', () => {
  it('tells the reference routing table and a BPMN model apart', () => {
    // given the DMN beside the reference processes and a BPMN model
    const routing = readFileSync(new URL('../../../../processes/customer-service/routing.dmn', import.meta.url), 'utf8');
    // when classified; then
    expect([documentKind(routing), documentKind(MINIMAL_PROCESS), documentKind(inlineDmn(''))]).toEqual(['dmn', 'bpmn', 'dmn']);
  });

  it.each([
    [
      'a prefixed DMN 1.3 root after a comment',
      `<?xml version="1.0"?>\n<!-- exported -->\n<dmn:definitions xmlns:dmn="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d"/>`,
      'dmn',
    ],
    ['a DMN 1.1 root (the DMN reader names the version it wants)', `<definitions id="d" xmlns='http://www.omg.org/spec/DMN/20151101/dmn.xsd'></definitions>`, 'dmn'],
    [
      'a BPMN root that declares the DMN namespace for another prefix',
      `<bpmn:definitions xmlns:dmn="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"/>`,
      'bpmn',
    ],
    [
      'DMN behind a DOCTYPE with entities (the DMN reader refuses it)',
      '<?xml version="1.0"?><!DOCTYPE definitions [<!ENTITY x "y">]><definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"/>',
      'dmn',
    ],
    ['text that is not XML', 'hello', 'bpmn'],
    ['an empty document', '', 'bpmn'],
  ])('sends %s to the right reader', (_case, xml, expected) => {
    // when classified; then
    expect(documentKind(xml)).toBe(expected);
  });
});
