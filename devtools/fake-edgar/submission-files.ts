/**
 * Loads the submission files of a folder into the fake's store. One file the fake cannot serve (a
 * stray XML, a truncated download, a header-only file) must not take the others down with it: it
 * is skipped, and the reason reported.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FilingStore } from './filing-store';
import { parseSubmission } from './submission-file';

export interface SkippedFile {
  /** Name relative to the folder. */
  file: string;
  reason: string;
}

/** Full submissions and dissemination files: what EDGAR's archive and feed are made of. */
const SUBMISSION_FILE = /\.(txt|nc)$/;
/** Not meant as filings: documentation and hidden files are passed over without a report. */
const NOT_A_FILING = /^(README|\.)/i;

export async function loadSubmissionFiles(dir: string, store: FilingStore): Promise<SkippedFile[]> {
  const skipped: SkippedFile[] = [];
  const loaded = new Map<string, string>();
  const entries = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isFile() && !NOT_A_FILING.test(e.name))
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const { name } of entries) {
    if (!SUBMISSION_FILE.test(name)) {
      skipped.push({
        file: name,
        reason: 'not a submission file (.txt full submission or .nc dissemination)',
      });
      continue;
    }
    const text = await readFile(join(dir, name), 'latin1');
    try {
      const { accessionNumber } = parseSubmission(text);
      const first = loaded.get(accessionNumber);
      if (first !== undefined) {
        skipped.push({ file: name, reason: `${accessionNumber} is already served from ${first}` });
        continue;
      }
      store.add(text);
      loaded.set(accessionNumber, name);
    } catch (err) {
      skipped.push({ file: name, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return skipped;
}
