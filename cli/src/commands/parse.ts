import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../../../pipeline/src/shared/errors';
import { NOT_OWNERSHIP_CODES } from '../../../pipeline/src/stages/parser/errors';
import { MAX_INPUT_BYTES, parseFiling } from '../../../pipeline/src/stages/parser/parse-filing';
import { toSummaryLine } from '../../../pipeline/src/stages/parser/summary-line';
import { parseCommandArgs } from '../args';
import type { Command, CommandContext } from '../command';

/** Files a directory walk yields, sorted so that two runs print the same lines in the same order. */
async function* walk(target: string): AsyncGenerator<string> {
  let entries: Dirent[];
  try {
    entries = await readdir(target, { withFileTypes: true });
  } catch {
    yield target; // not a directory (or unreadable): reading it as a file reports why
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = path.join(target, e.name);
    // Symlinked directories are not followed, so a link cycle cannot make the walk endless.
    if (e.isDirectory()) {
      yield* walk(full);
    } else {
      yield full;
    }
  }
}

interface Tally {
  files: number;
  filings: number;
  rows: number;
  skipped: Map<string, number>;
  failures: Map<string, number>;
}

function bump(map: Map<string, number>, code: string): void {
  map.set(code, (map.get(code) ?? 0) + 1);
}

async function parseOne(file: string, full: boolean, ctx: CommandContext, tally: Tally): Promise<void> {
  tally.files++;
  const report = (kind: 'error' | 'skipped', code: string, message: string) => {
    bump(kind === 'error' ? tally.failures : tally.skipped, code);
    ctx.stdout(JSON.stringify({ source: file, [kind]: { code, message } }));
  };
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (info.size > MAX_INPUT_BYTES) {
      return report(
        'error',
        'TOO_LARGE',
        `file is ${info.size} bytes, above the ${MAX_INPUT_BYTES}-byte cap`,
      );
    }
    bytes = await readFile(file);
  } catch (err) {
    return report('error', 'READ_ERROR', err instanceof Error ? err.message : String(err));
  }
  const outcome = parseFiling(bytes, { source: file });
  if (!outcome.ok) {
    const skip = NOT_OWNERSHIP_CODES.has(outcome.error.code);
    return report(skip ? 'skipped' : 'error', outcome.error.code, outcome.error.message);
  }
  tally.filings++;
  tally.rows += outcome.filing.rows.length;
  ctx.stdout(JSON.stringify(full ? outcome.filing : toSummaryLine(outcome.filing)));
}

function byCode(map: Map<string, number>): string {
  return [...map]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, n]) => `${code}: ${n}`)
    .join(', ');
}

export const parseCommand: Command = {
  name: 'parse',
  summary: 'Parse ownership filings (Forms 3/4/5 XML, .txt or .nc submissions) to NDJSON on stdout',
  usesConfig: false,
  help: `Usage: sec-tracker parse [--full] <file|dir>...

Parses SEC ownership documents (Forms 3, 4, 5 and their amendments) given as the XML as filed,
a full submission .txt (SGML header + documents) or a .nc dissemination file. Directories are
walked recursively in name order. Nothing is written anywhere but stdout and stderr.

stdout, one JSON line per file:
  {"source", "accessionNumber", "documentType", "issuer", "reportingOwners", "aff10b5One",
   "transactions": [...], "holdings": [...]}      a parsed filing
  {"source", "skipped": {"code", "message"}}      not an ownership document: NOT_OWNERSHIP_DOCUMENT
                                                  (Form D, index, JSON, HTML, ...) or NO_OWNERSHIP_XML
                                                  (a pre-2003 text Form 4, a header-only file)
  {"source", "error": {"code", "message"}}        a failure: MALFORMED_XML, TRUNCATED, TOO_LARGE,
                                                  BAD_ENCODING, ENTITY_EXPANSION, MISSING_FIELD,
                                                  INVALID_VALUE, UNSUPPORTED_DOCUMENT_TYPE, READ_ERROR
stderr: a summary (files, filings, rows, skipped and failures by code).

Exit status: 0 when every file parsed or was skipped as not an ownership document,
1 when any file failed.

  --full   print the whole normalized filing (every field of every row, derivations included)`,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(
      args,
      { full: { type: 'boolean', default: false } },
      true,
    );
    if (positionals.length === 0) {
      throw new UsageError('parse needs at least one file or directory (see --help)');
    }
    const tally: Tally = { files: 0, filings: 0, rows: 0, skipped: new Map(), failures: new Map() };
    for (const target of positionals) {
      for await (const file of walk(target)) {
        await parseOne(file, values.full === true, ctx, tally);
      }
    }
    const failed = [...tally.failures.values()].reduce((a, b) => a + b, 0);
    const skipped = [...tally.skipped.values()].reduce((a, b) => a + b, 0);
    ctx.stderr(
      `parse: ${tally.files} files, ${tally.filings} filings, ${tally.rows} rows, ` +
        `${skipped} skipped${skipped ? ` (${byCode(tally.skipped)})` : ''}, ` +
        `${failed} failed${failed ? ` (${byCode(tally.failures)})` : ''}`,
    );
    return failed > 0 ? 1 : 0;
  },
};
