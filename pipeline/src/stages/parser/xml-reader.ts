/**
 * A strict, non-validating XML reader for ownership documents: one left-to-right pass, no
 * recursion, no DTD. Why not fast-xml-parser's parse: it accepts truncated and mismatched XML
 * silently (`<a><b>1</b>` parses), so it needs a second validation pass, and the two passes cost
 * well over the parser stage's time budget (see devtools/bench/parse.ts).
 *
 * Guarantees:
 * - Time is linear in the input: every scan is an indexOf or a bounded loop.
 * - Any DTD (`<!DOCTYPE`, `<!ENTITY`) is rejected with ENTITY_EXPANSION, so entity expansion and
 *   external entities cannot happen; only the five predefined entities and character references
 *   are decoded, anything else is MALFORMED_XML.
 * - End of input inside an element, tag, comment, CDATA or PI is TRUNCATED; mismatched tags, two
 *   roots, text outside the root and bad syntax are MALFORMED_XML.
 * - Names lose their namespace prefix (`edgar:issuer` → `issuer`); children keep document order.
 */
import { decodeEntities } from './xml-entities';
import { fail } from './errors';

export interface XmlElement {
  /** Local name, namespace prefix removed. */
  readonly name: string;
  /** Attributes by local name; null when there are none. */
  readonly attrs: ReadonlyMap<string, string> | null;
  readonly children: XmlElement[];
  /** Character data directly inside this element (entities decoded, CDATA included), untrimmed. */
  text: string;
}

const MAX_DEPTH = 64;
const NAME =
  /^[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*(?::[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*)?$/;

export function readXml(xml: string): XmlElement {
  const len = xml.length;
  const start = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  const open: XmlElement[] = [];
  const openNames: string[] = [];
  let root: XmlElement | null = null;
  let i = start;
  while (i < len) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? len : lt;
    if (textEnd > i) {
      addText(xml, i, textEnd, open[open.length - 1]);
    }
    if (lt < 0) {
      break;
    }
    const c1 = xml.charCodeAt(lt + 1);
    if (c1 === 47 /* / */) {
      const gt = xml.indexOf('>', lt + 2);
      if (gt < 0) {
        fail('TRUNCATED', `document ends inside a closing tag at ${where(xml, lt)}`);
      }
      const name = xml.slice(lt + 2, gt).trimEnd();
      const expected = openNames.pop();
      if (expected === undefined) {
        fail('MALFORMED_XML', `closing tag </${name}> without an open element at ${where(xml, lt)}`);
      }
      if (name !== expected) {
        fail('MALFORMED_XML', `expected </${expected}> but found </${name}> at ${where(xml, lt)}`);
      }
      open.pop();
      i = gt + 1;
    } else if (c1 === 63 /* ? */) {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) {
        fail('TRUNCATED', `document ends inside a processing instruction at ${where(xml, lt)}`);
      }
      if (/^<\?xml[\s?]/i.test(xml.slice(lt, lt + 6)) && lt !== start) {
        fail('MALFORMED_XML', `XML declaration not at the start of the document (${where(xml, lt)})`);
      }
      i = end + 2;
    } else if (c1 === 33 /* ! */) {
      i = readMarkup(xml, lt, open[open.length - 1]);
    } else {
      if (root !== null && open.length === 0) {
        fail('MALFORMED_XML', `second root element at ${where(xml, lt)}`);
      }
      const tag = readStartTag(xml, lt);
      const element: XmlElement = { name: tag.localName, attrs: tag.attrs, children: [], text: '' };
      const parent = open[open.length - 1];
      if (parent) {
        parent.children.push(element);
      } else {
        root = element;
      }
      if (!tag.selfClosing) {
        if (open.length >= MAX_DEPTH) {
          fail('MALFORMED_XML', `elements nested deeper than ${MAX_DEPTH} levels`);
        }
        open.push(element);
        openNames.push(tag.name);
      }
      i = tag.end;
    }
  }
  if (openNames.length > 0) {
    fail(
      'TRUNCATED',
      `document ends inside <${openNames[openNames.length - 1]}> (${openNames.length} element(s) left open)`,
    );
  }
  return root ?? fail('MALFORMED_XML', 'no root element: the document is empty');
}

function addText(xml: string, from: number, to: number, parent: XmlElement | undefined): void {
  const raw = xml.slice(from, to);
  if (parent === undefined) {
    if (raw.trim() !== '') {
      fail('MALFORMED_XML', `text outside the root element at ${where(xml, from)}`);
    }
    return;
  }
  parent.text += raw.includes('&') ? decodeEntities(raw, (msg) => `${msg} at ${where(xml, from)}`) : raw;
}

/** `<!--`, `<![CDATA[`, or a DTD, which is refused. Returns the index after the construct. */
function readMarkup(xml: string, lt: number, parent: XmlElement | undefined): number {
  if (xml.startsWith('<!--', lt)) {
    const end = xml.indexOf('-->', lt + 4);
    if (end < 0) {
      fail('TRUNCATED', `document ends inside a comment at ${where(xml, lt)}`);
    }
    return end + 3;
  }
  if (xml.startsWith('<![CDATA[', lt)) {
    if (parent === undefined) {
      fail('MALFORMED_XML', `CDATA outside the root element at ${where(xml, lt)}`);
    }
    const end = xml.indexOf(']]>', lt + 9);
    if (end < 0) {
      fail('TRUNCATED', `document ends inside a CDATA section at ${where(xml, lt)}`);
    }
    parent.text += xml.slice(lt + 9, end);
    return end + 3;
  }
  const keyword = xml.slice(lt, lt + 9).toUpperCase();
  if (keyword.startsWith('<!DOCTYPE') || keyword.startsWith('<!ENTITY')) {
    fail(
      'ENTITY_EXPANSION',
      `DTD/entity declaration at ${where(xml, lt)}: refused, entities could expand without bound or read external files`,
    );
  }
  if (lt + 9 > xml.length && ('<![CDATA['.startsWith(xml.slice(lt)) || '<!--'.startsWith(xml.slice(lt)))) {
    fail('TRUNCATED', `document ends inside markup at ${where(xml, lt)}`);
  }
  return fail('MALFORMED_XML', `unexpected "<!" markup at ${where(xml, lt)}`);
}

interface StartTag {
  name: string;
  localName: string;
  attrs: Map<string, string> | null;
  selfClosing: boolean;
  end: number;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

function readStartTag(xml: string, lt: number): StartTag {
  const len = xml.length;
  let j = lt + 1;
  while (j < len) {
    const c = xml.charCodeAt(j);
    if (isSpace(c) || c === 47 || c === 62) {
      break;
    }
    j++;
  }
  if (j >= len) {
    fail('TRUNCATED', `document ends inside a tag at ${where(xml, lt)}`);
  }
  const name = xml.slice(lt + 1, j);
  if (!NAME.test(name)) {
    fail('MALFORMED_XML', `invalid element name "${name.slice(0, 40)}" at ${where(xml, lt)}`);
  }
  let attrs: Map<string, string> | null = null;
  for (;;) {
    const before = j;
    while (j < len && isSpace(xml.charCodeAt(j))) {
      j++;
    }
    if (j >= len) {
      fail('TRUNCATED', `document ends inside the tag <${name}> at ${where(xml, lt)}`);
    }
    const c = xml.charCodeAt(j);
    if (c === 62 /* > */) {
      return { name, localName: localName(name), attrs, selfClosing: false, end: j + 1 };
    }
    if (c === 47 /* / */) {
      if (j + 1 >= len) {
        fail('TRUNCATED', `document ends inside the tag <${name}> at ${where(xml, lt)}`);
      }
      if (xml.charCodeAt(j + 1) !== 62) {
        fail('MALFORMED_XML', `"/" not followed by ">" in <${name}> at ${where(xml, lt)}`);
      }
      return { name, localName: localName(name), attrs, selfClosing: true, end: j + 2 };
    }
    if (j === before) {
      fail('MALFORMED_XML', `attributes of <${name}> not separated by whitespace at ${where(xml, j)}`);
    }
    const eq = xml.indexOf('=', j);
    if (eq < 0) {
      fail('TRUNCATED', `document ends inside the tag <${name}> at ${where(xml, lt)}`);
    }
    const attrName = xml.slice(j, eq).trimEnd();
    if (!NAME.test(attrName)) {
      fail('MALFORMED_XML', `invalid attribute in <${name}> at ${where(xml, j)}`);
    }
    j = eq + 1;
    while (j < len && isSpace(xml.charCodeAt(j))) {
      j++;
    }
    const quote = xml.charCodeAt(j);
    if (j >= len) {
      fail('TRUNCATED', `document ends inside the tag <${name}> at ${where(xml, lt)}`);
    }
    if (quote !== 34 && quote !== 39) {
      fail('MALFORMED_XML', `unquoted attribute value in <${name}> at ${where(xml, j)}`);
    }
    const close = xml.indexOf(quote === 34 ? '"' : "'", j + 1);
    if (close < 0) {
      fail('TRUNCATED', `document ends inside an attribute value at ${where(xml, j)}`);
    }
    const raw = xml.slice(j + 1, close);
    if (raw.includes('<')) {
      fail('MALFORMED_XML', `"<" inside an attribute value at ${where(xml, j)}`);
    }
    j = close + 1;
    if (attrName === 'xmlns' || attrName.startsWith('xmlns:')) {
      continue;
    }
    attrs ??= new Map();
    const key = localName(attrName);
    if (attrs.has(key)) {
      fail('MALFORMED_XML', `duplicate attribute "${attrName}" in <${name}> at ${where(xml, lt)}`);
    }
    attrs.set(key, raw.includes('&') ? decodeEntities(raw, (msg) => `${msg} at ${where(xml, lt)}`) : raw);
  }
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

/** "line L, column C": computed only on the error path. */
export function where(xml: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let k = xml.indexOf('\n'); k >= 0 && k < offset; k = xml.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}
