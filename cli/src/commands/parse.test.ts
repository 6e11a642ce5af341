import { itWithSamples, SAMPLES_DIR } from '../../../devtools/jest/edgar-samples';
import path from 'node:path';
import { UsageError } from '../../../pipeline/src/shared/errors';
import { FIXTURES_DIR } from '../../../pipeline/src/stages/parser/fixture-files';
import type { CommandContext } from '../command';
import { parseCommand } from './parse';

interface Line {
  source: string;
  error?: { code: string; message: string };
  skipped?: { code: string; message: string };
  documentType?: string;
  transactions?: unknown[];
  holdings?: unknown[];
}

async function runParse(args: string[]): Promise<{ status: number; lines: Line[]; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CommandContext = {
    config: () => {
      throw new Error('parse must not need configuration');
    },
    logger: () => {
      throw new Error('parse must not need a logger');
    },
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    shutdown: new Promise<string>(() => undefined),
  };
  const status = await parseCommand.run(args, ctx);
  return { status, lines: out.map((l) => JSON.parse(l) as Line), stderr: err.join('\n') };
}

const relative = (root: string) => (line: Line) => path.relative(root, line.source).split(path.sep).join('/');

describe('sec-tracker parse', () => {
  it('prints one line per fixture: filings, skips and typed errors, and fails the run on errors', async () => {
    const { status, lines: all, stderr } = await runParse([FIXTURES_DIR]);
    expect(status).toBe(1);
    // The golden .expected.json files sit beside the inputs: JSON is not an ownership document.
    const goldens = all.filter((l) => l.source.endsWith('.expected.json'));
    expect(goldens.every((l) => l.skipped?.code === 'NOT_OWNERSHIP_DOCUMENT')).toBe(true);
    const lines = all.filter((l) => !goldens.includes(l));
    const name = relative(FIXTURES_DIR);
    const errors = lines.filter((l) => l.error).map(name);
    const skipped = lines.filter((l) => l.skipped).map(name);
    const filings = lines.filter((l) => l.documentType);
    expect(filings.length).toBeGreaterThanOrEqual(12);
    expect(skipped.sort()).toEqual(['errors/form-d-not-ownership.xml', 'errors/legacy-text-form4.txt']);
    expect(errors.every((e) => e.startsWith('errors/'))).toBe(true);
    expect(errors.length).toBeGreaterThanOrEqual(10);
    expect(lines.every((l) => typeof l.source === 'string')).toBe(true);
    expect(stderr).toMatch(
      /^parse: \d+ files, \d+ filings, \d+ rows, \d+ skipped \(NO_OWNERSHIP_XML: 1, NOT_OWNERSHIP_DOCUMENT: \d+\), \d+ failed \(BAD_ENCODING: 2,/,
    );
  });

  it('exits 0 when every file parses or is skipped', async () => {
    const { status, lines } = await runParse([
      path.join(FIXTURES_DIR, 'form4-x0306-joint-filing-no-declaration.xml'),
      path.join(FIXTURES_DIR, 'errors', 'form-d-not-ownership.xml'),
    ]);
    expect(status).toBe(0);
    expect(lines[0]).toMatchObject({ documentType: '4', aff10b5One: null });
    expect(lines[0]!.transactions).toHaveLength(3);
    expect(lines[1]!.skipped!.code).toBe('NOT_OWNERSHIP_DOCUMENT');
  });

  it('reports a missing file as a READ_ERROR failure', async () => {
    const { status, lines } = await runParse([path.join(FIXTURES_DIR, 'no-such-file.xml')]);
    expect(status).toBe(1);
    expect(lines[0]!.error!.code).toBe('READ_ERROR');
  });

  it('refuses to run without a path', async () => {
    await expect(runParse([])).rejects.toBeInstanceOf(UsageError);
  });

  itWithSamples('parses every ownership document of ../shared/edgar-samples and skips the rest', async () => {
    const { status, lines, stderr } = await runParse([SAMPLES_DIR]);
    const name = relative(SAMPLES_DIR);
    expect(
      lines.filter((l) => l.error).map((l) => `${name(l)}: ${l.error!.code} ${l.error!.message}`),
    ).toEqual([]);
    expect(status).toBe(0);
    for (const line of lines) {
      const file = name(line);
      if (/^form(3|4|4a|5)\//.test(file)) {
        expect([file, line.documentType]).toEqual([file, expect.any(String)]);
      }
      if (/^(atom|index|tickers|submissions-json|sec-datasets)\//.test(file) || /FormD/.test(file)) {
        expect([file, line.skipped?.code]).toEqual([file, 'NOT_OWNERSHIP_DOCUMENT']);
      }
      if (/legacy_form4|index-headers/.test(file)) {
        expect([file, line.skipped?.code]).toEqual([file, 'NO_OWNERSHIP_XML']);
      }
    }
    const parsedSubmissions = lines.filter((l) => l.documentType && name(l).startsWith('submission-txt/'));
    expect(parsedSubmissions.length).toBeGreaterThanOrEqual(7);
    expect(stderr).toMatch(/, 0 failed$/);
  });
});
