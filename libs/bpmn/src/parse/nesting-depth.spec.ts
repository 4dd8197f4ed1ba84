import { describe, expect, it } from '@jest/globals';
import { firstTooDeep } from './nesting-depth.js';

const nested = (levels: number) => `${'<a>'.repeat(levels)}${'</a>'.repeat(levels)}`;

describe('firstTooDeep', () => {
  it('lets a document at the limit through', () => {
    expect(firstTooDeep(`<?xml version="1.0"?>\n${nested(3)}`, 3)).toBeUndefined();
  });

  it('names the line of the first start tag beyond the limit', () => {
    // given four levels, the fourth on line 3
    const xml = '<a>\n<b><c>\n<d></d></c></b></a>';
    // then with a limit of three it is found there
    expect(firstTooDeep(xml, 3)).toEqual({ line: 3 });
  });

  it('does not count self-closing tags, comments, CDATA or processing instructions as levels', () => {
    // given two real levels around markup that holds tags in its text
    const xml = '<a><!-- <x><y><z> --><b/><![CDATA[<p><q><r>]]><?pi <s>?><c></c></a>';
    // then a limit of two holds
    expect(firstTooDeep(xml, 2)).toBeUndefined();
  });

  it('finds 20,000 levels without recursing', () => {
    expect(firstTooDeep(nested(20_000))).toEqual({ line: 1 });
  });
});
