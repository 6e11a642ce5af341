/**
 * The parser's fixture files, shared by the golden tests, the Avro tests, the fuzz test and the
 * benchmark. Each input (`*.xml`, `*.txt`, `*.nc`, `*.bin`) has its golden output beside it as
 * `<name>.expected.json`. Inputs under `errors/` must fail; the others must parse.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const FIXTURES_DIR = path.join(__dirname, 'fixtures');

export interface Fixture {
  /** Path relative to FIXTURES_DIR, with forward slashes: also the `source` given to the parser. */
  name: string;
  file: string;
  bytes: Buffer;
  expectError: boolean;
  goldenFile: string;
}

const INPUT = /\.(xml|txt|nc|bin)$/;

export function loadFixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const sub of ['', 'errors']) {
    const dir = path.join(FIXTURES_DIR, sub);
    for (const entry of readdirSync(dir).sort()) {
      if (!INPUT.test(entry)) {
        continue;
      }
      const file = path.join(dir, entry);
      out.push({
        name: sub ? `${sub}/${entry}` : entry,
        file,
        bytes: readFileSync(file),
        expectError: sub === 'errors',
        goldenFile: file.replace(INPUT, '.expected.json'),
      });
    }
  }
  return out;
}
