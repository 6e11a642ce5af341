import { performance } from 'node:perf_hooks';
import { XMLValidator } from 'fast-xml-parser';
import { PARSE_ERROR_CODES } from './errors';
import { loadFixtures } from './fixture-files';
import { parseFiling, type ParseOutcome } from './parse-filing';

/**
 * Mutation fuzzing of the fixtures with a fixed seed, so a failure reproduces exactly: the case
 * number in the failure message is enough to replay it. Properties checked for every case:
 * parseFiling returns (never throws), the outcome is ok or a known error code other than
 * INTERNAL_ERROR, and it returns within PER_CALL_LIMIT_MS.
 */
const SEED = 0x5ec7ac;
const CASES_PER_FIXTURE = 250;
/**
 * Generous on purpose: a shared CI runner under load is slow, but a hang or a super-linear blowup
 * is slower by orders of magnitude (the slowest case takes ~10 ms on an idle core).
 */
const PER_CALL_LIMIT_MS = 1000;

/** mulberry32: tiny, fast, good enough to pick offsets. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const int = (r: Rand, n: number) => Math.floor(r() * n);
const splice = (b: Buffer, at: number, del: number, ins: Buffer | string) =>
  Buffer.concat([
    b.subarray(0, at),
    Buffer.isBuffer(ins) ? ins : Buffer.from(ins, 'latin1'),
    b.subarray(at + del),
  ]);

function tagSpan(b: Buffer, r: Rand): [number, number] | null {
  const start = b.indexOf('<', int(r, b.length));
  const end = start < 0 ? -1 : b.indexOf('>', start);
  return start < 0 || end < 0 ? null : [start, end + 1];
}

const LAUGHS =
  '<!DOCTYPE ownershipDocument [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>';
const XXE = '<!DOCTYPE ownershipDocument [<!ENTITY x SYSTEM "file:///etc/passwd">]>';
const SNIPPETS = [
  '&x;',
  '&#0;',
  '&#xD800;',
  '&amp',
  '<![CDATA[',
  '<!--',
  '</value>',
  '<value>',
  '<?xml version="1.0"?>',
  '\u0000',
  '\u00ff\u00fe',
  '\u00c3\u0028',
  ']]>',
  '<a b="1" b="2"/>',
  '<!ELEMENT x ANY>',
];
const ENCODINGS = ['UTF-16', 'ISO-8859-1', 'EBCDIC-US', 'windows-1252', 'utf-8', ''];

const MUTATIONS: ((b: Buffer, r: Rand) => Buffer)[] = [
  (b, r) => b.subarray(0, int(r, b.length)),
  (b, r) => {
    const c = Buffer.from(b);
    for (let k = 0, n = 1 + int(r, 5); k < n; k++) {
      const at = int(r, c.length);
      c[at] = (c[at] ?? 0) ^ (1 << int(r, 8));
    }
    return c;
  },
  (b, r) => {
    const s = tagSpan(b, r);
    return s ? splice(b, s[0], s[1] - s[0], '') : b;
  },
  (b, r) => {
    const s = tagSpan(b, r);
    return s ? splice(b, s[1], 0, b.subarray(s[0], s[1])) : b;
  },
  (b, r) => {
    const at = int(r, b.length);
    return splice(b, at, int(r, 200), '');
  },
  (b, r) =>
    splice(b, int(r, b.length), 0, Buffer.from(Array.from({ length: 1 + int(r, 16) }, () => int(r, 256)))),
  (b, r) => {
    const decl = b.indexOf('?>');
    return splice(b, decl < 0 ? 0 : decl + 2, 0, r() < 0.5 ? LAUGHS : XXE);
  },
  (b, r) => {
    const text = b.toString('latin1');
    const enc = ENCODINGS[int(r, ENCODINGS.length)]!;
    const replaced = /<\?xml[^>]*\?>/.test(text)
      ? text.replace(/<\?xml[^>]*\?>/, enc ? `<?xml version="1.0" encoding="${enc}"?>` : '')
      : `<?xml version="1.0" encoding="${enc || 'UTF-8'}"?>` + text;
    const out = Buffer.from(replaced, 'latin1');
    return r() < 0.5 ? splice(out, int(r, out.length), 0, Buffer.from([0xe9, 0xfc, 0xc3])) : out;
  },
  (b, r) => {
    const a = int(r, b.length);
    const c = int(r, b.length);
    const [lo, hi] = a < c ? [a, c] : [c, a];
    const len = Math.min(int(r, 300), b.length - hi);
    return Buffer.concat([
      b.subarray(0, lo),
      b.subarray(hi, hi + len),
      b.subarray(lo + len, hi),
      b.subarray(lo, lo + len),
      b.subarray(hi + len),
    ]);
  },
  (b, r) => splice(b, int(r, b.length), 0, SNIPPETS[int(r, SNIPPETS.length)]!),
  (b, r) => {
    const text = b.toString('latin1');
    const values = [...text.matchAll(/<value>([^<]*)<\/value>/g)];
    const m = values[int(r, values.length)];
    return m?.index === undefined
      ? b
      : splice(
          b,
          m.index + 7,
          m[1]!.length,
          ['12O', '1e5', '--1', '2021-13-45', 'maybe', '9'.repeat(40), ''][int(r, 7)]!,
        );
  },
  (b, r) => {
    const depth = 10 + int(r, 2000);
    const at = b.indexOf('<issuer>');
    return at < 0 ? b : splice(b, at, 0, '<n>'.repeat(depth) + '</n>'.repeat(depth));
  },
];

function isKnownOutcome(outcome: ParseOutcome): boolean {
  if (outcome.ok) {
    return true;
  }
  return (
    (PARSE_ERROR_CODES as readonly string[]).includes(outcome.error.code) &&
    outcome.error.code !== 'INTERNAL_ERROR'
  );
}

describe('parseFiling fuzz (fixed seed)', () => {
  const fixtures = loadFixtures();

  it(`survives ${CASES_PER_FIXTURE} mutations of each fixture with typed outcomes in bounded time`, () => {
    const rand = prng(SEED);
    const failures: string[] = [];
    let cases = 0;
    let slowest = 0;
    const codes = new Map<string, number>();
    for (const fixture of fixtures) {
      for (let k = 0; k < CASES_PER_FIXTURE; k++, cases++) {
        const mutation = int(rand, MUTATIONS.length);
        const input = MUTATIONS[mutation]!(fixture.bytes, rand);
        const started = performance.now();
        let outcome: ParseOutcome;
        try {
          outcome = parseFiling(input, { source: fixture.name });
        } catch (err) {
          failures.push(`case ${cases} (${fixture.name}, mutation ${mutation}) threw: ${String(err)}`);
          continue;
        }
        const elapsed = performance.now() - started;
        slowest = Math.max(slowest, elapsed);
        const code = outcome.ok ? 'ok' : outcome.error.code;
        codes.set(code, (codes.get(code) ?? 0) + 1);
        if (!isKnownOutcome(outcome)) {
          failures.push(`case ${cases} (${fixture.name}, mutation ${mutation}): ${JSON.stringify(outcome)}`);
        }
        if (elapsed > PER_CALL_LIMIT_MS) {
          failures.push(
            `case ${cases} (${fixture.name}, mutation ${mutation}) took ${elapsed.toFixed(0)} ms`,
          );
        }
        // Differential check: our reader must never accept XML that fast-xml-parser's validator rejects.
        if (outcome.ok && !fixture.name.endsWith('.txt') && !fixture.name.endsWith('.nc')) {
          const verdict = XMLValidator.validate(
            input
              .toString(outcome.filing.schemaVersion === 'X0101' ? 'latin1' : 'utf8')
              .replace(/^\uFEFF/, ''),
          );
          if (verdict !== true) {
            failures.push(
              `case ${cases} (${fixture.name}, mutation ${mutation}) accepted, validator says ${JSON.stringify(verdict)}`,
            );
          }
        }
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect(cases).toBeGreaterThanOrEqual(5000);
    // Every family of failure is exercised, not just one.
    for (const code of [
      'ok',
      'TRUNCATED',
      'MALFORMED_XML',
      'ENTITY_EXPANSION',
      'BAD_ENCODING',
      'INVALID_VALUE',
    ]) {
      expect([code, codes.get(code) ?? 0]).toEqual([code, expect.any(Number)]);
      expect(codes.get(code) ?? 0).toBeGreaterThan(0);
    }
    console.log(
      `fuzz: ${cases} cases, slowest ${slowest.toFixed(1)} ms, outcomes ${JSON.stringify(Object.fromEntries(codes))}`,
    );
  });

  it('fails a 50 MB document fast with TOO_LARGE', () => {
    const head = Buffer.from('<?xml version="1.0"?>\n<ownershipDocument><remarks>');
    const big = Buffer.alloc(50 * 1024 * 1024, 'a');
    head.copy(big);
    const started = performance.now();
    const outcome = parseFiling(big);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
  });

  it('reads a large but legal document (5,000 rows) in bounded time', () => {
    const base = fixtures
      .find((f) => f.name === 'form4-x0508-sales-10b5-1-checkbox.xml')!
      .bytes.toString('utf8');
    const row = /<nonDerivativeTransaction>[\s\S]*?<\/nonDerivativeTransaction>/.exec(base)![0];
    const doc = base.replace('<nonDerivativeTable>', '<nonDerivativeTable>' + row.repeat(5000));
    const started = performance.now();
    const outcome = parseFiling(doc);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(outcome.ok && outcome.filing.rows.length).toBe(5005);
  });
});
