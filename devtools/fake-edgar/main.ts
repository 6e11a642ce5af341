/**
 * Runs the fake EDGAR on its own, for poking at it with curl:
 *   npx tsx devtools/fake-edgar/main.ts [fixtures-dir]
 * Listens on FAKE_EDGAR_PORT (default 8089) until Ctrl-C.
 */
import { loadConfig } from '../../pipeline/src/config/config';
import { FIXTURES_DIR, startFakeEdgar } from './index';

async function main(): Promise<void> {
  const config = loadConfig();
  const edgar = await startFakeEdgar({ dir: process.argv[2] ?? FIXTURES_DIR, port: config.fakeEdgarPort });
  process.stderr.write(
    `fake EDGAR on ${edgar.baseUrl} (data: ${edgar.dataBaseUrl}), ${edgar.filings().length} filings\n` +
      edgar.skipped.map((s) => `  skipped ${s.file}: ${s.reason}\n`).join('') +
      `  EDGAR_BASE_URL=${edgar.baseUrl} EDGAR_DATA_BASE_URL=${edgar.dataBaseUrl}\n`,
  );
  const stop = (): void => {
    edgar.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
