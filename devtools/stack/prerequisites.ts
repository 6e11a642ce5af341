import { PipelineError } from '../../pipeline/src/shared/errors';

/** Something `stack up` needs and did not find, with how to get it. */
export interface Problem {
  readonly what: string;
  readonly fix: string;
}

/** A failure of `stack up`/`down` that lists every problem at once; printed without a stack. */
export class StackError extends PipelineError {
  constructor(
    readonly problems: readonly Problem[],
    heading = 'stack up cannot continue',
  ) {
    super(formatProblems(heading, problems), 'STACK', false);
  }
}

/** Pure: the message of a StackError. */
export function formatProblems(heading: string, problems: readonly Problem[]): string {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const items = problems.map((p) => `  - ${p.what}\n    fix: ${p.fix}`);
  return [`${heading} (${count}):`, ...items].join('\n');
}

export const FIXES = {
  java17: 'install a JDK 17+ (apt-get install openjdk-17-jre-headless) or set JAVA_HOME to one',
  java21:
    'install a JDK 21+ (e.g. Temurin: https://adoptium.net/installation/linux/, then apt-get install temurin-21-jdk) and set REGISTRY_JAVA_HOME to it, or unset REGISTRY_JAVA_HOME to let the stack find one under /usr/lib/jvm',
  maven: 'apt-get install maven (needed only until Kafka and the registry are in the STACK_DIR cache)',
  heap: 'use a JVM size such as 512m or 1g',
} as const;

/** Pure: a problem for a port held by someone else, naming them when we can. */
export function portProblem(
  port: number,
  role: string,
  variable: string,
  owner: { name: string; pid: number; ours?: string } | undefined,
): Problem {
  if (owner?.ours) {
    return {
      what: `port ${port} (${role}) is held by pid ${owner.pid}, a ${owner.ours} of this stack that has no valid pid file`,
      fix: `stop it with: kill ${owner.pid}`,
    };
  }
  const who = owner ? `${owner.name} (pid ${owner.pid})` : 'another program';
  return {
    what: `port ${port} (${role}) is already in use by ${who}`,
    fix: `stop that program or set ${variable} to another port (check with: ss -ltnp 'sport = :${port}')`,
  };
}
