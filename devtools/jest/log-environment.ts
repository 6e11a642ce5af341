/**
 * The test environment of every project: Node's, plus a log sink. Log lines of the code under
 * test (see route-logs.ts) are appended to `<TEST_LOG_DIR>/<test file>.log` and kept in memory
 * since the current test started; when that test (or a hook) fails, its lines are printed, so a
 * passing run stays quiet and a failure shows what it did.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import type { Circus } from '@jest/types';
import NodeEnvironment from 'jest-environment-node';

export const LOG_SINK_GLOBAL = '__SEC_TRACKER_TEST_LOG__';

export default class LogCapturingEnvironment extends NodeEnvironment {
  private readonly file: string;
  private readonly label: string;
  private lines: string[] = [];

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    const root = config.globalConfig.rootDir;
    this.label = path.relative(root, context.testPath);
    const dir = process.env.TEST_LOG_DIR ?? path.join(root, '.test-logs', 'unnamed-run');
    this.file = path.join(dir, `${this.label}.log`);
    mkdirSync(path.dirname(this.file), { recursive: true });
    this.global[LOG_SINK_GLOBAL] = (line: string): void => {
      this.lines.push(line);
      appendFileSync(this.file, line + '\n');
    };
  }

  handleTestEvent(event: Circus.Event): void {
    if (event.name === 'test_start') {
      this.lines = [];
      appendFileSync(this.file, `# test: ${fullName(event.test)}\n`);
    } else if (event.name === 'test_done' && event.test.errors.length > 0) {
      this.print(`test "${fullName(event.test)}" failed`);
    } else if (event.name === 'hook_failure') {
      this.print(`${event.hook.type} hook failed`);
    }
  }

  private print(what: string): void {
    if (this.lines.length === 0) {
      return;
    }
    process.stderr.write(
      `\n----- ${this.label}: ${what}; its ${this.lines.length} log line(s) (all in ${this.file}) -----\n` +
        `${this.lines.join('\n')}\n----- end of logs -----\n`,
    );
    this.lines = [];
  }
}

function fullName(test: Circus.TestEntry): string {
  const names: string[] = [];
  for (let block: Circus.DescribeBlock | undefined = test.parent; block; block = block.parent) {
    if (block.name !== 'ROOT_DESCRIBE_BLOCK') {
      names.unshift(block.name);
    }
  }
  return [...names, test.name].join(' › ');
}
