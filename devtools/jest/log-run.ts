/**
 * Jest global setup (every project): picks the folder this run's test logs go to,
 * `.test-logs/<start time>/`, and keeps only the newest few runs. The folder reaches the test
 * workers through TEST_LOG_DIR (workers start after global setup and inherit the environment).
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../.test-logs');
const KEEP_RUNS = 5;

export default function logRun(): void {
  if (process.env.TEST_LOG_DIR) {
    return;
  }
  const dir = path.join(ROOT, new Date().toISOString().replace(/[:.]/g, '-'));
  mkdirSync(dir, { recursive: true });
  const runs = readdirSync(ROOT).sort();
  for (const old of runs.slice(0, Math.max(0, runs.length - KEEP_RUNS))) {
    rmSync(path.join(ROOT, old), { recursive: true, force: true });
  }
  process.env.TEST_LOG_DIR = dir;
  process.stdout.write(`\n[tests] logs of this run: ${path.relative(process.cwd(), dir)}/\n`);
}
