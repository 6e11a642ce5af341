/**
 * `npm run bench:parse`: parse + normalize throughput of the parser stage's pure core against a
 * bare fast-xml-parser parse of the same bytes, in the same process, on one core.
 *
 * Corpus: the parser's fixtures that parse successfully (XML, .txt and .nc submissions), repeated
 * to at least CORPUS_SIZE documents. Rounds alternate between the two contenders so that CPU
 * frequency and GC drift hit both alike; the best round of each is reported.
 *
 * Targets (issue 3): parse + normalize ≥ 3,000 docs/s, and at most 1.3× the bare parse's time.
 */
import { performance } from 'node:perf_hooks';
import { XMLParser } from 'fast-xml-parser';
import { loadFixtures } from '../../pipeline/src/stages/parser/fixture-files';
import { parseFiling } from '../../pipeline/src/stages/parser/parse-filing';

const CORPUS_SIZE = 10_000;
const ROUNDS = 5;
const TARGET_DOCS_PER_SECOND = 3_000;
const TARGET_RATIO = 1.3;

function corpus(): Buffer[] {
  const docs = loadFixtures()
    .filter((f) => !f.expectError)
    .map((f) => f.bytes);
  const out: Buffer[] = [];
  while (out.length < CORPUS_SIZE) {
    out.push(...docs);
  }
  return out;
}

function timeRound(docs: Buffer[], parse: (doc: Buffer) => unknown): number {
  const started = performance.now();
  for (const doc of docs) {
    parse(doc);
  }
  return performance.now() - started;
}

function main(): number {
  const docs = corpus();
  const bytes = docs.reduce((n, d) => n + d.length, 0);
  const bare = new XMLParser();
  const ours = (doc: Buffer) => {
    const outcome = parseFiling(doc);
    if (!outcome.ok) {
      throw new Error(`benchmark corpus failed to parse: ${outcome.error.message}`);
    }
    return outcome;
  };
  const contenders = { ours, bare: (doc: Buffer) => bare.parse(doc) as unknown };
  for (const parse of Object.values(contenders)) {
    timeRound(docs.slice(0, 2_000), parse);
  } // warm-up (JIT)
  const best = { ours: Infinity, bare: Infinity };
  for (let round = 0; round < ROUNDS; round++) {
    best.ours = Math.min(best.ours, timeRound(docs, contenders.ours));
    best.bare = Math.min(best.bare, timeRound(docs, contenders.bare));
  }
  const rate = (ms: number) => Math.round((docs.length / ms) * 1000);
  const ratio = best.ours / best.bare;
  const lines = [
    `corpus: ${docs.length} documents, ${(bytes / 1024 / 1024).toFixed(1)} MB (fixtures repeated), best of ${ROUNDS} rounds`,
    `parse + normalize (parseFiling): ${rate(best.ours).toLocaleString('en-US')} docs/s  (${best.ours.toFixed(0)} ms)`,
    `bare fast-xml-parser parse:      ${rate(best.bare).toLocaleString('en-US')} docs/s  (${best.bare.toFixed(0)} ms)`,
    `ratio (time ours / time bare):   ${ratio.toFixed(2)}×  (target ≤ ${TARGET_RATIO}×)`,
  ];
  const ok = rate(best.ours) >= TARGET_DOCS_PER_SECOND && ratio <= TARGET_RATIO;
  lines.push(
    ok
      ? 'targets met'
      : `TARGETS MISSED: need ≥ ${TARGET_DOCS_PER_SECOND} docs/s and ratio ≤ ${TARGET_RATIO}`,
  );
  process.stdout.write(lines.join('\n') + '\n');
  return ok ? 0 : 1;
}

process.exitCode = main();
