import type { Command } from '../command';

/**
 * The development commands (`start`, `stack`) live in devtools/, which the production image does
 * not contain. They are listed when devtools/ is there (a clone) and simply absent otherwise; the
 * require is resolved at run time so the production build never needs the folder.
 */
export function devCommands(): readonly Command[] {
  let modulePath: string;
  try {
    modulePath = require.resolve('../../../devtools/commands');
  } catch {
    return [];
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(modulePath) as { DEV_COMMANDS: readonly Command[] }).DEV_COMMANDS;
}
