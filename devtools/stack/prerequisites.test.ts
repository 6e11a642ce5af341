import { formatProblems, portProblem, StackError } from './prerequisites';

describe('formatProblems', () => {
  it('lists every problem with its fix', () => {
    const text = formatProblems('stack up started nothing', [
      { what: 'Maven (mvn) is not on PATH', fix: 'apt-get install maven' },
      { what: 'Redis at 127.0.0.1:6379: no PING answer', fix: 'apt-get install redis-server' },
    ]);
    expect(text).toBe(
      [
        'stack up started nothing (2 problems):',
        '  - Maven (mvn) is not on PATH',
        '    fix: apt-get install maven',
        '  - Redis at 127.0.0.1:6379: no PING answer',
        '    fix: apt-get install redis-server',
      ].join('\n'),
    );
  });
});

describe('StackError', () => {
  it('is a non-retriable PipelineError, so the CLI prints it without a stack trace', () => {
    const err = new StackError([{ what: 'x', fix: 'y' }]);
    expect(err).toMatchObject({ retriable: false, code: 'STACK', name: 'StackError' });
    expect(err.message).toContain('(1 problem)');
  });
});

describe('portProblem', () => {
  it('names the program holding the port and the variable to change', () => {
    expect(portProblem(9092, 'Kafka', 'KAFKA_BROKERS', { name: 'python3', pid: 77 })).toEqual({
      what: 'port 9092 (Kafka) is already in use by python3 (pid 77)',
      fix: "stop that program or set KAFKA_BROKERS to another port (check with: ss -ltnp 'sport = :9092')",
    });
  });

  it('says "another program" when the owner cannot be seen', () => {
    expect(portProblem(8081, 'schema registry', 'SCHEMA_REGISTRY_URL', undefined).what).toBe(
      'port 8081 (schema registry) is already in use by another program',
    );
  });

  it('recognises an orphan of this stack and says how to stop it', () => {
    expect(portProblem(9092, 'Kafka', 'KAFKA_BROKERS', { name: 'java', pid: 5, ours: 'kafka' })).toEqual({
      what: 'port 9092 (Kafka) is held by pid 5, a kafka of this stack that has no valid pid file',
      fix: 'stop it with: kill 5',
    });
  });
});
