import { UsageError } from '../../pipeline/src/shared/errors';
import { formatReport, stackDown, stackStatus, stackUp } from '../stack/stack';
import type { StackReport } from '../stack/stack';
import { parseCommandArgs } from '../../cli/src/args';
import type { Command } from '../../cli/src/command';

const ACTIONS = ['up', 'down', 'status'] as const;
type Action = (typeof ACTIONS)[number];

export const stackCommand: Command = {
  name: 'stack',
  summary: 'A real local Kafka and schema registry without Docker: stack up | down | status',
  help: `Usage: sec-tracker stack up|down|status [--json]

  up      Use a Kafka and a registry that already answer at KAFKA_BROKERS and SCHEMA_REGISTRY_URL,
          whoever started them (another checkout, a compose file, a cluster); for what is missing,
          check prerequisites (Java 17+ for Kafka, Java 21+ for the registry, Maven while the cache
          is empty, Postgres at DATABASE_URL, Redis at REDIS_URL) and name everything missing at
          once; fetch Apache Kafka and Apicurio Registry from Maven Central into STACK_DIR/cache
          (first run only); start a single-node KRaft broker on the port of KAFKA_BROKERS and the
          registry on the port of SCHEMA_REGISTRY_URL, both on 127.0.0.1; wait until both answer
          (STACK_START_TIMEOUT_SECONDS). Creates the DATABASE_URL database (and REGISTRY_DATABASE
          for a registry it starts) when missing. A second up changes nothing. If anything fails,
          what this up started is stopped again.
  down    Stop the broker and the registry this stack started (by pid file, checked against
          /proc, so a reused pid is never signalled). Postgres and Redis are left alone.
  status  Each component with state, address, pid and version. Exits 0 only if all are healthy.

  --json  print the report as JSON instead of a table

Files: STACK_DIR (default ops/.stack, relative to the repository root) holds cache/, data/,
logs/ (kafka.log, registry.log, stack.log) and run/ (pid files).
Memory: KAFKA_HEAP and REGISTRY_HEAP cap the two JVM heaps.
Exit status: 0 ok, 1 failure (the message says what is missing and how to get it).`,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, true);
    const action = positionals[0] as Action | undefined;
    if (positionals.length !== 1 || !action || !ACTIONS.includes(action)) {
      throw new UsageError(`expected one of ${ACTIONS.join(', ')}, e.g. sec-tracker stack up (see --help)`);
    }
    const config = ctx.config();
    const logger = ctx.logger();
    // Ctrl-C during up stops waiting; up then stops what it had started.
    const interrupt = new AbortController();
    void ctx.shutdown.then(() => interrupt.abort());
    const options = { signal: interrupt.signal };
    let report: StackReport;
    if (action === 'up') {
      report = await stackUp(config, logger, options);
    } else if (action === 'down') {
      report = await stackDown(config, logger, options);
    } else {
      report = await stackStatus(config, { ...options, logger });
    }
    ctx.stdout(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
    return report.ok ? 0 : 1;
  },
};
