/** Source cursors (`crawl_cursors`) and backfill jobs (`crawl_jobs`) in Postgres. */
import type pg from 'pg';

export function createCrawlState(pool: pg.Pool) {
  return {
    async getCursor<T>(source: string): Promise<T | null> {
      const { rows } = await pool.query<{ cursor: T }>('SELECT cursor FROM crawl_cursors WHERE source = $1', [
        source,
      ]);
      return rows[0]?.cursor ?? null;
    },

    async setCursor(source: string, cursor: unknown): Promise<void> {
      await pool.query(
        `INSERT INTO crawl_cursors (source, cursor, updated_at) VALUES ($1, $2, now())
         ON CONFLICT (source) DO UPDATE SET cursor = EXCLUDED.cursor, updated_at = now()`,
        [source, JSON.stringify(cursor)],
      );
    },

    /** Creates the job if new; returns whether its discovery had already finished (a resume). */
    async openJob(jobId: string, description: string): Promise<{ discovered: boolean; resumed: boolean }> {
      const inserted = await pool.query(
        'INSERT INTO crawl_jobs (job_id, description) VALUES ($1, $2) ON CONFLICT (job_id) DO NOTHING',
        [jobId, description],
      );
      const { rows } = await pool.query<{ discovered: boolean }>(
        'SELECT discovered FROM crawl_jobs WHERE job_id = $1',
        [jobId],
      );
      return { discovered: rows[0]?.discovered ?? false, resumed: inserted.rowCount === 0 };
    },

    async markJobDiscovered(jobId: string): Promise<void> {
      await pool.query('UPDATE crawl_jobs SET discovered = true WHERE job_id = $1', [jobId]);
    },

    async markJobFinished(jobId: string): Promise<void> {
      await pool.query('UPDATE crawl_jobs SET finished_at = now() WHERE job_id = $1', [jobId]);
    },
  };
}

export type CrawlState = ReturnType<typeof createCrawlState>;
