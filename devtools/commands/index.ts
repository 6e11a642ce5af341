import type { Command } from '../../cli/src/command';
import { stackCommand } from './stack';
import { startCommand } from './start';

/**
 * Commands for a development machine: the local stack without Docker, and `start`, which runs
 * everything in one process (with the bundled fake EDGAR in demo mode). They ship with the
 * repository, not with the production image.
 */
export const DEV_COMMANDS: readonly Command[] = [startCommand, stackCommand];
