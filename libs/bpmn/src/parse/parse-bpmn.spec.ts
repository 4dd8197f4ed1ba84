import { DomainError } from '#core';
import { MINIMAL_PROCESS, inlineBpmn } from '../testing/inline-bpmn.js';
import { parseBpmn } from './parse-bpmn.js';

const codeOf = async (xml: string) => {
  try {
    await parseBpmn(xml);
    return 'parsed';
  } catch (error) {
    return error instanceof DomainError ? error.code : 'unexpected';
  }
};

describe('parseBpmn', () => {
  it('reads a BPMN document with tandem attributes typed by the descriptor', async () => {
    // given a minimal process with a value class
    // when it is parsed
    const { definitions, problems } = await parseBpmn(MINIMAL_PROCESS);
    // then the attribute is a property of the task and nothing is reported
    const task = definitions.rootElements[0].flowElements.find((element: { id: string }) => element.id === 'task');
    expect(task.valueClass).toBe('VA');
    expect(problems).toEqual([]);
  });

  it.each([
    ['empty text', '   ', 'BPMN_MALFORMED'],
    ['text that is not XML', 'this is not xml', 'BPMN_MALFORMED'],
    ['unclosed tags', '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p">', 'BPMN_MALFORMED'],
    ['XML of another vocabulary', '<invoice xmlns="urn:example"><total>3</total></invoice>', 'BPMN_NOT_BPMN'],
    ['a DOCTYPE with entities', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>', 'BPMN_DOCTYPE_FORBIDDEN'],
    ['elements nested 20,000 deep', `${'<x>'.repeat(20_000)}${'</x>'.repeat(20_000)}`, 'BPMN_TOO_DEEP'],
  ])('refuses %s with a domain error', async (_case, xml, code) => {
    // given a document that cannot be read as BPMN; when parsed; then the error code says why
    expect(await codeOf(xml)).toBe(code);
  });

  it('reports the position of malformed XML', async () => {
    // given XML broken on its second line
    const xml = '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">\n<bpmn:process id="p"></bpmn:definitions>';
    // when parsed
    const error = await parseBpmn(xml).catch((caught: DomainError) => caught);
    // then the message and details name where
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toMatch(/line 2/);
    expect((error as DomainError).details).toMatchObject({ line: 1 });
  });

  it('collects unknown elements as problems instead of dropping them silently', async () => {
    // given a process with an element BPMN does not define
    const xml = inlineBpmn('<bpmn:startEvent id="start" /><bpmn:frobnicate id="weird" />');
    // when parsed
    const { problems } = await parseBpmn(xml);
    // then the reader's finding is an error naming the tag
    expect(problems).toEqual([expect.objectContaining({ rule: 'bpmn-schema', severity: 'error', message: expect.stringContaining('<bpmn:frobnicate>') })]);
  });

  it('reads a document declaring another encoding than UTF-8 when its text decoded whole', async () => {
    // given an export declaring ISO-8859-1 (as many modeling tools write), all ASCII
    const xml = MINIMAL_PROCESS.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    // when parsed; then nothing is reported
    expect((await parseBpmn(xml)).problems).toEqual([]);
  });

  it('refuses a document in another encoding whose characters did not decode as UTF-8', async () => {
    // given an ISO-8859-1 file read as UTF-8: its é became U+FFFD
    const xml = MINIMAL_PROCESS.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace('name="Answer"', 'name="R\uFFFDponse"');
    // when parsed; then the reader's finding names the encoding
    expect((await parseBpmn(xml)).problems).toEqual([expect.objectContaining({ rule: 'bpmn-schema', severity: 'error', message: expect.stringContaining('ISO-8859-1') })]);
  });
});
