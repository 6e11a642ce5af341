import { SQL_DIR } from '../../../pipeline/src/paths';
import { ensureDatabase } from '../../../pipeline/src/shared/db/ensure-database';
import { migrate } from '../../../pipeline/src/shared/db/migrate';
import { createPool } from '../../../pipeline/src/shared/db/pool';
import type { Command } from '../command';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Create the database if needed and apply pending SQL migrations from sql/',
  help: `Usage: sec-tracker migrate

Applies the numbered, append-only files in sql/ that are not yet in the schema_migrations ledger,
each in its own transaction, under an advisory lock (safe to run from several processes at once).
Creates the database named in DATABASE_URL first when it does not exist.`,
  async run(_args, ctx) {
    const config = ctx.config();
    const logger = ctx.logger();
    if (await ensureDatabase(config.databaseUrl)) {
      logger.info('database created');
    }
    const pool = createPool(config, logger, 1);
    try {
      const report = await migrate(pool, SQL_DIR, logger);
      ctx.stdout(
        report.applied.length > 0
          ? `Applied ${report.applied.length} migration(s): ${report.applied.join(', ')}`
          : `Database is up to date (${report.alreadyApplied} migrations applied before).`,
      );
      return 0;
    } finally {
      await pool.end();
    }
  },
};
