import { ConfigError, loadConfig } from '../../pipeline/src/config/config';
import type { Config } from '../../pipeline/src/config/config';
import { PipelineError } from '../../pipeline/src/shared/errors';
import { createLogger } from '../../pipeline/src/shared/logger';
import type { Logger } from '../../pipeline/src/shared/logger';
import type { Command, CommandContext } from './command';
import { COMMANDS } from './commands';

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'sec-tracker: SEC insider filings (Forms 3, 4, 5) from EDGAR to clean, queryable data.',
    '',
    'Usage: sec-tracker <command> [options]        sec-tracker <command> --help',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Configuration comes from environment variables: see `sec-tracker config`.',
  ].join('\n');
}

function shutdownSignal(): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: string) => {
      // A second Ctrl-C means "now": skip the graceful path.
      process.once(signal, () => process.exit(130));
      resolve(signal);
    };
    process.once('SIGINT', () => onSignal('SIGINT'));
    process.once('SIGTERM', () => onSignal('SIGTERM'));
  });
}

function makeContext(): CommandContext {
  let config: Config | undefined;
  let logger: Logger | undefined;
  return {
    config: () => (config ??= loadConfig()),
    logger: () => (logger ??= createLogger(config?.logLevel ?? 'info')),
    stdout: (t) => void process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
    stderr: (t) => void process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
    shutdown: shutdownSignal(),
  };
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 1;
  }
  const command: Command | undefined = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${usage()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.help.trimEnd() + '\n');
    return 0;
  }
  const ctx = makeContext();
  try {
    if (command.usesConfig !== false) {
      ctx.config();
    }
    return await command.run(rest, ctx);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nRun \`sec-tracker config\` to see every variable.\n`);
      return 2;
    }
    if (err instanceof PipelineError && !err.retriable) {
      process.stderr.write(`sec-tracker ${name}: ${err.message}\n`);
      return 1;
    }
    ctx.logger().error(`${name} failed`, { err });
    return 1;
  }
}
