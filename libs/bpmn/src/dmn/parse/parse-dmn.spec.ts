import { DomainError } from '#core';
import { decisionTableXml, inlineDecisionTable, inlineDmn } from '../testing/inline-dmn.js';
import { parseDmn } from './parse-dmn.js';

const SMALL_TABLE = inlineDecisionTable({ id: 'tier', inputs: ['amount'], outputs: ['tier'], rules: [['< 1000', '"small"']] });

const errorOf = async (xml: string): Promise<DomainError | 'parsed'> => {
  try {
    await parseDmn(xml);
    return 'parsed';
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
};

describe('parseDmn', () => {
  it('reads a DMN 1.3 decision table', async () => {
    // given a document with one decision table
    // when it is parsed
    const { definitions, problems } = await parseDmn(SMALL_TABLE);
    // then the decision and its rule are there and nothing is reported
    const [decision] = definitions.drgElement;
    expect(decision.id).toBe('tier');
    expect(decision.decisionLogic.rule[0].inputEntry[0].text).toBe('< 1000');
    expect(problems).toEqual([]);
  });

  it.each([
    ['empty text', '  ', 'DMN_MALFORMED'],
    ['text that is not XML', 'this is not xml', 'DMN_MALFORMED'],
    ['unclosed tags', '<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"><decision id="d">', 'DMN_MALFORMED'],
    ['XML of another vocabulary', '<invoice xmlns="urn:example"><total>3</total></invoice>', 'DMN_NOT_DMN'],
    ['a BPMN document', '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" />', 'DMN_NOT_DMN'],
    ['a DOCTYPE with entities', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>', 'DMN_DOCTYPE_FORBIDDEN'],
    ['elements nested 20,000 deep', `${'<x>'.repeat(20_000)}${'</x>'.repeat(20_000)}`, 'DMN_TOO_DEEP'],
  ])('refuses %s with a domain error', async (_case, xml, code) => {
    // given a document that cannot be read as DMN; when parsed; then the error code says why
    expect(await errorOf(xml)).toMatchObject({ code });
  });

  it('tells a DMN 1.1 document apart from other XML', async () => {
    // given a decision saved in the DMN 1.1 namespace (Camunda 7 era)
    const xml = '<definitions xmlns="http://www.omg.org/spec/DMN/20151101/dmn.xsd" id="d" name="d" namespace="x" />';
    // when parsed
    const error = await errorOf(xml);
    // then it is refused with a message that says which version is read
    expect(error).toMatchObject({ code: 'DMN_NOT_DMN', message: expect.stringMatching(/older DMN namespace; only DMN 1\.3/) });
  });

  it('reports the position of malformed XML', async () => {
    // given XML broken on its second line
    const xml = '<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/">\n<decision id="d"></definitions>';
    // when parsed
    const error = await errorOf(xml);
    // then the message and details name where
    expect(error).toMatchObject({ code: 'DMN_MALFORMED', message: expect.stringMatching(/line 2/), details: { line: 1 } });
  });

  it('collects unknown elements as problems instead of dropping them silently', async () => {
    // given a decision table with an element DMN does not define
    const xml = inlineDmn('<decision id="d"><decisionTable id="t"><frobnicate /></decisionTable></decision>');
    // when parsed
    const { problems } = await parseDmn(xml);
    // then the reader's finding is an error
    expect(problems).toEqual([expect.objectContaining({ rule: 'dmn-schema', severity: 'error', message: expect.stringMatching(/frobnicate/) })]);
  });

  it('reports a repeated id by the id, since the reader drops the second element', async () => {
    // given two decisions with the same id
    const table = { id: 'routing', inputs: ['category'], outputs: ['queue'], rules: [['-', '"first-line"']] };
    const xml = inlineDmn(`${decisionTableXml(table)}${decisionTableXml({ ...table, prefix: 'copy-' })}`);
    // when parsed
    const { problems } = await parseDmn(xml);
    // then the duplicate is named
    expect(problems).toEqual([expect.objectContaining({ elementId: 'routing', rule: 'unique-id', severity: 'error' })]);
  });
});
