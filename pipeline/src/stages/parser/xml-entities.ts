/**
 * Entity references without a DTD: the five predefined entities and character references. Any
 * other name is undefined by definition (DTDs are refused), so it is a well-formedness error, not
 * something to pass through or look up.
 */
import { fail } from './errors';

const PREDEFINED = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);

const DECIMAL_REF = /^#[0-9]{1,7}$/;
const HEX_REF = /^#x[0-9a-fA-F]{1,6}$/;

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Decodes the references in `raw`; `at` adds the location to an error message. */
export function decodeEntities(raw: string, at: (message: string) => string): string {
  let out = '';
  let last = 0;
  for (let amp = raw.indexOf('&'); amp >= 0; amp = raw.indexOf('&', last)) {
    const semi = raw.indexOf(';', amp + 1);
    if (semi < 0 || semi - amp > 12) {
      fail('MALFORMED_XML', at('"&" not starting an entity reference'));
    }
    const ref = raw.slice(amp + 1, semi);
    let ch: string | undefined;
    if (DECIMAL_REF.test(ref) || HEX_REF.test(ref)) {
      const cp = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!isXmlChar(cp)) {
        fail('MALFORMED_XML', at(`character reference &${ref}; is not an XML character`));
      }
      ch = String.fromCodePoint(cp);
    } else {
      ch = PREDEFINED.get(ref);
      if (ch === undefined) {
        fail('MALFORMED_XML', at(`undefined entity &${ref.slice(0, 20)};`));
      }
    }
    out += raw.slice(last, amp) + ch;
    last = semi + 1;
  }
  return out + raw.slice(last);
}
