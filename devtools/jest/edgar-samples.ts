/**
 * The real EDGAR documents beside the repository (`../shared/edgar-samples`, or EDGAR_SAMPLES_DIR),
 * which tests run the parser over but never copy. Where they are absent, the tests that need
 * them are reported as skipped, with the reason in their title, rather than passing on a weaker
 * check.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

export const SAMPLES_DIR = path.resolve(
  process.env.EDGAR_SAMPLES_DIR ?? path.join(__dirname, '..', '..', '..', 'shared', 'edgar-samples'),
);

export const samplesPresent = existsSync(SAMPLES_DIR);

/** `it`, or `it.skip` with "skipped: … is absent" in the title when the samples are missing. */
export function itWithSamples(title: string, fn: jest.ProvidesCallback): void {
  if (samplesPresent) {
    it(title, fn);
  } else {
    it.skip(`${title} [skipped: ${SAMPLES_DIR} is absent; set EDGAR_SAMPLES_DIR]`, fn);
  }
}
