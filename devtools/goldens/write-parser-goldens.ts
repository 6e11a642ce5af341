/**
 * Writes the parser's golden files (`<fixture>.expected.json`) from the current parser, for a
 * deliberate change of its output. The golden test only reads them; review the diff like code.
 *
 *   npm run golden:parser -- form4-x0508-sales-10b5-1-checkbox.xml errors/billion-laughs.xml
 *   npm run golden:parser -- --all
 */
import { readFile, writeFile } from 'node:fs/promises';
import { loadFixtures } from '../../pipeline/src/stages/parser/fixture-files';
import { parseFiling } from '../../pipeline/src/stages/parser/parse-filing';

async function main(args: readonly string[]): Promise<number> {
  const fixtures = loadFixtures();
  const all = args.includes('--all');
  const names = args.filter((a) => a !== '--all');
  if (all === names.length > 0) {
    process.stderr.write('usage: npm run golden:parser -- <fixture name>... | --all\n');
    return 2;
  }
  const unknown = names.filter((n) => !fixtures.some((f) => f.name === n));
  if (unknown.length > 0) {
    process.stderr.write(`no such fixture: ${unknown.join(', ')}\n`);
    return 2;
  }
  for (const fixture of fixtures.filter((f) => all || names.includes(f.name))) {
    const outcome = parseFiling(fixture.bytes, { source: fixture.name });
    const text = JSON.stringify(outcome, null, 2) + '\n';
    const before = await readFile(fixture.goldenFile, 'utf8').catch(() => undefined);
    const state = before === undefined ? 'written' : before === text ? 'unchanged' : 'CHANGED';
    if (state !== 'unchanged') {
      await writeFile(fixture.goldenFile, text);
    }
    process.stdout.write(`${state.padEnd(9)} ${fixture.name}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exit(1);
  },
);
