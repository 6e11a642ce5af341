import { ParseFailure } from './errors';
import { readXml } from './xml-reader';

function failure(xml: string): string {
  try {
    readXml(xml);
    return 'ok';
  } catch (err) {
    if (err instanceof ParseFailure) {
      return `${err.code}: ${err.message}`;
    }
    throw err;
  }
}

describe('readXml', () => {
  it('keeps document order, strips namespace prefixes and decodes entities and CDATA', () => {
    const root = readXml(
      '<?xml version="1.0"?><!-- c --><p:a xmlns:p="urn:x" p:id="1 &amp; 2"><b>x &lt;&#65;&#x42;&apos;</b><c/><b><![CDATA[<raw> & ]]></b></p:a>',
    );
    expect(root.name).toBe('a');
    expect(root.attrs?.get('id')).toBe('1 & 2');
    expect(root.children.map((c) => c.name)).toEqual(['b', 'c', 'b']);
    expect(root.children[0]!.text).toBe("x <AB'");
    expect(root.children[2]!.text).toBe('<raw> & ');
  });

  it.each([
    ['<a><b>1</b>', 'TRUNCATED'],
    ['<a><b>1</b></a', 'TRUNCATED'],
    ['<a><b x="1', 'TRUNCATED'],
    ['<a><!-- never closed', 'TRUNCATED'],
    ['<a><![CDATA[ never closed', 'TRUNCATED'],
    ['<a><b>1</c></a>', 'MALFORMED_XML'],
    ['<a></a><b/>', 'MALFORMED_XML'],
    ['text<a/>', 'MALFORMED_XML'],
    ['<a>&nbsp;</a>', 'MALFORMED_XML'],
    ['<a>&#0;</a>', 'MALFORMED_XML'],
    ['<a>AT&T</a>', 'MALFORMED_XML'],
    ['<a b=1/>', 'MALFORMED_XML'],
    ['<a b="1" b="2"/>', 'MALFORMED_XML'],
    ['<a b="1"c="2"/>', 'MALFORMED_XML'],
    ['<1a/>', 'MALFORMED_XML'],
    ['', 'MALFORMED_XML'],
    ['<a><?xml version="1.0"?></a>', 'MALFORMED_XML'],
    ['<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', 'ENTITY_EXPANSION'],
    ['<a><!ENTITY x "y"></a>', 'ENTITY_EXPANSION'],
  ])('%j → %s', (xml, code) => expect(failure(xml)).toMatch(new RegExp(`^${code}:`)));

  it('says where a mismatch is', () => {
    expect(failure('<a>\n  <b>\n  </c>\n</a>')).toBe(
      'MALFORMED_XML: expected </b> but found </c> at line 3, column 3',
    );
  });

  it('refuses nesting deeper than 64 levels instead of recursing', () => {
    expect(failure('<a>'.repeat(100) + '</a>'.repeat(100))).toMatch(/^MALFORMED_XML: elements nested deeper/);
  });

  it('cannot be steered into the object prototype by element or attribute names', () => {
    const root = readXml('<a __proto__="x"><constructor/></a>');
    expect(root.attrs?.get('__proto__')).toBe('x');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
