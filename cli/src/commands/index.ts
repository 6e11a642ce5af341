import type { Command } from '../command';
import { analyzeCommand } from './analyze';
import { apiCommand } from './api';
import { configCommand } from './config';
import { crawlCommand } from './crawl';
import { healthCommand } from './health';
import { keysCommand } from './keys';
import { migrateCommand } from './migrate';
import { backfillCommand } from './backfill';
import { parseCommand } from './parse';
import { replayCommand } from './replay';
import { runCommand } from './run';
import { topicsCommand } from './topics';
import { devCommands } from './dev-commands';

/** Every CLI command, in the order `sec-tracker --help` lists them. */
export const COMMANDS: readonly Command[] = [
  ...devCommands(),
  migrateCommand,
  topicsCommand,
  runCommand,
  apiCommand,
  keysCommand,
  replayCommand,
  parseCommand,
  backfillCommand,
  crawlCommand,
  analyzeCommand,
  configCommand,
  healthCommand,
];
