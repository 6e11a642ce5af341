import { parseCommandArgs } from '../args';
import { UsageError } from '../../../pipeline/src/shared/errors';
import { runStages, STAGE_NAMES } from '../../../pipeline/src/runtime/run-stages';
import type { PipelineStage } from '../../../pipeline/src/runtime/run-stages';
import type { Command } from '../command';

export const runCommand: Command = {
  name: 'run',
  summary: 'Run pipeline stages: all, or one of crawler, parser, aggregator, loader, analysis',
  help: `Usage: sec-tracker run <all|crawler|parser|aggregator|loader|analysis> [--metrics-port N]

Runs the named stage (or all stages) in this process until SIGINT/SIGTERM, then finishes the
current batch, commits, and exits. Each consuming stage uses its own consumer group, so several
processes running the same stage split the topic's partitions between them. The analysis stage
runs two groups: the notable-activity detector and the analyst (see "AI analysis" in the README).
Prometheus metrics are served on http://127.0.0.1:<METRICS_PORT>/metrics (--metrics-port 0 picks a
free port, useful when running several processes on one machine).
A consumer that crashes (a non-retriable error, or retries exhausted) restarts; after more restarts
in a window than RESTART_POLICY allows (pipeline/src/shared/errors.ts) the process exits with
status 3, for its supervisor to restart it.`,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, { 'metrics-port': { type: 'string' } }, true);
    const which = positionals[0];
    if (
      positionals.length !== 1 ||
      !which ||
      !(which === 'all' || (STAGE_NAMES as readonly string[]).includes(which))
    ) {
      throw new UsageError(`expected one of: all, ${STAGE_NAMES.join(', ')}`);
    }
    const stages: PipelineStage[] = which === 'all' ? [...STAGE_NAMES] : [which as PipelineStage];
    const metricsPort = values['metrics-port'] === undefined ? undefined : Number(values['metrics-port']);
    const logger = ctx.logger();
    const pipeline = await runStages(ctx.config(), logger, stages, { metricsPort });
    const outcome = await Promise.race([
      ctx.shutdown.then((signal) => ({ signal, err: undefined })),
      pipeline.failed.then((err) => ({ signal: undefined, err })),
    ]);
    if (outcome.err) {
      // A consumer restarted more often than RESTART_POLICY allows: exit non-zero so the
      // supervisor restarts the whole process (and its alerting sees it).
      logger.error('a consumer gave up; exiting', { err: outcome.err });
      await pipeline.close();
      return 3;
    }
    logger.info('shutting down', { signal: outcome.signal });
    await pipeline.close();
    logger.info('stopped cleanly');
    return 0;
  },
};
