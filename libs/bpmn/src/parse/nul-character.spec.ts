import { describe, expect, it } from '@jest/globals';
import { nulCharacterLine } from './nul-character.js';

describe('nulCharacterLine', () => {
  it('finds the NUL character raw or as a character reference, with its line', () => {
    // when XML with NUL raw and as references, and JSON with the escape, are read
    const found = [
      nulCharacterLine('<a>\n<b name="x\u0000"/></a>', 'xml'),
      nulCharacterLine('<a>\n\n<b name="&#0;"/></a>', 'xml'),
      nulCharacterLine('<a name="&#x00;"/>', 'xml'),
      nulCharacterLine('{\n"label": "a\\u0000b"}', 'json'),
    ];
    // then each is found on its line
    expect(found).toEqual([2, 3, 1, 2]);
  });

  it('lets through text without it, the literal \\u0000 in XML and references to other characters', () => {
    expect(nulCharacterLine('<a name="&#10;&#x20;">\\u0000</a>', 'xml')).toBeUndefined();
    expect(nulCharacterLine('{"label": "plain"}', 'json')).toBeUndefined();
  });
});
