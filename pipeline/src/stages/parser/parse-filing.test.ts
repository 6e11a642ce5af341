import { readFileSync } from 'node:fs';
import { loadFixtures } from './fixture-files';
import { parseFiling } from './parse-filing';

/**
 * Golden tests: every fixture's full parse result must equal `<name>.expected.json` beside it.
 * This test only reads them. A new fixture's expected output is written by hand (or, for a
 * deliberate change to existing outputs, by `npm run golden:parser -- <fixture>`), and the diff
 * of the .expected.json files is reviewed like code.
 */
const fixtures = loadFixtures();

/** The expected output; a missing file fails the test (this test never writes one). */
function readGolden(file: string, fixtureName: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(
      `${file} cannot be read (${(err as Error).message}): write the expected output by hand, or review the output of \`npm run golden:parser -- ${fixtureName}\`, which writes it`,
      { cause: err },
    );
  }
  return JSON.parse(text);
}

describe('parseFiling golden fixtures', () => {
  it('has fixtures to check', () => {
    expect(fixtures.filter((f) => !f.expectError).length).toBeGreaterThanOrEqual(12);
    expect(fixtures.filter((f) => f.expectError).length).toBeGreaterThanOrEqual(12);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    const outcome = parseFiling(fixture.bytes, { source: fixture.name });
    expect(outcome.ok).toBe(!fixture.expectError);
    const actual = JSON.parse(JSON.stringify(outcome)) as unknown;
    expect(actual).toEqual(readGolden(fixture.goldenFile, fixture.name));
  });

  it('gives the same result for a string as for its bytes', () => {
    const fixture = fixtures.find((f) => f.name === 'form4-x0508-sales-10b5-1-checkbox.xml')!;
    expect(parseFiling(fixture.bytes.toString('utf8'), { source: fixture.name })).toEqual(
      parseFiling(fixture.bytes, { source: fixture.name }),
    );
  });

  it('takes accession number and acceptance time from options when the XML has no header', () => {
    const fixture = fixtures.find((f) => f.name === 'form4-x0508-sales-10b5-1-checkbox.xml')!;
    const outcome = parseFiling(fixture.bytes, {
      accessionNumber: '0001888101-25-000004',
      acceptedAt: '2025-03-14T16:01:02-04:00',
    });
    expect(outcome.ok && [outcome.filing.accessionNumber, outcome.filing.acceptedAt]).toEqual([
      '0001888101-25-000004',
      '2025-03-14T16:01:02-04:00',
    ]);
  });
});
