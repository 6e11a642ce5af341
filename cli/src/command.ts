import type { Config } from '../../pipeline/src/config/config';
import type { Logger } from '../../pipeline/src/shared/logger';

/** What every CLI command receives. Config is parsed on first use, so `--help` works with a bad env. */
export interface CommandContext {
  config(): Config;
  logger(): Logger;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Resolves when SIGINT/SIGTERM arrives; long-running commands await it and then close. */
  readonly shutdown: Promise<string>;
}

export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Full text for `sec-tracker <name> --help`. */
  readonly help: string;
  /** False for commands that must work with a broken environment (`config`, `parse`). @defaultValue true */
  readonly usesConfig?: boolean;
  /** Returns the process exit status. */
  run(args: string[], ctx: CommandContext): Promise<number>;
}
