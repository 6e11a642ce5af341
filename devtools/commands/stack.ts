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
  help: `Usage: sec-tracker stack up|down|status [--brokers N] [--json]

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

  --brokers N  run N KRaft nodes (broker and controller each) instead of one, from the same
               cached Kafka: node i on the i-th address of KAFKA_BROKERS (or the first port + i-1)
               and its controller on KAFKA_CONTROLLER_PORT + i-1; data under STACK_DIR/data/kafka-i.
               With 3 or more, topics get 3 replicas, min.insync.replicas=2 and no unclean leader
               election. Default: the number of addresses in KAFKA_BROKERS (one: the single broker).
               up starts only the nodes that are not running, so it also brings back a killed node.
  --json       print the report as JSON instead of a table

Files: STACK_DIR (default ops/.stack, relative to the repository root) holds cache/, data/,
logs/ (kafka.log, registry.log, stack.log) and run/ (pid files).
Memory: KAFKA_HEAP and REGISTRY_HEAP cap the two JVM heaps.
Exit status: 0 ok, 1 failure (the message says what is missing and how to get it).`,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(
      args,
      { json: { type: 'boolean' }, brokers: { type: 'string' } },
      true,
    );
    const action = positionals[0] as Action | undefined;
    if (positionals.length !== 1 || !action || !ACTIONS.includes(action)) {
      throw new UsageError(`expected one of ${ACTIONS.join(', ')}, e.g. sec-tracker stack up (see --help)`);
    }
    const config = ctx.config();
    const logger = ctx.logger();
    // Ctrl-C during up stops waiting; up then stops what it had started.
    const interrupt = new AbortController();
    void ctx.shutdown.then(() => interrupt.abort());
    const brokers = values.brokers === undefined ? undefined : Number(values.brokers);
    if (brokers !== undefined && !(Number.isInteger(brokers) && brokers >= 1 && brokers <= 9)) {
      throw new UsageError(`--brokers must be a whole number from 1 to 9; got "${values.brokers}"`);
    }
    const options = { signal: interrupt.signal, ...(brokers === undefined ? {} : { brokers }) };
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
