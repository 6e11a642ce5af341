import { classifyPid, markerFlag, parsePidRecord } from './pid-file';
import type { PidRecord } from './pid-file';

const record: PidRecord = {
  component: 'kafka',
  pid: 4242,
  startTime: '90371',
  marker: markerFlag('/repo/ops/.stack', 'kafka'),
  version: '4.1.1',
  address: '127.0.0.1:9092',
  startedAt: '2026-01-01T00:00:00.000Z',
};

describe('classifyPid', () => {
  it('is ours when the start time and the marker both still match', () => {
    const proc = { startTime: '90371', name: 'java', cmdline: ['java', record.marker, 'kafka.Kafka'] };
    expect(classifyPid(record, proc)).toEqual({ kind: 'ours', record });
  });

  it('is stale when the process is gone', () => {
    expect(classifyPid(record, undefined)).toMatchObject({
      kind: 'stale',
      reason: 'pid 4242 is no longer running',
    });
  });

  it('is stale when the pid was reused by a program started later', () => {
    const proc = { startTime: '99999', name: 'sleep', cmdline: ['sleep', '300'] };
    expect(classifyPid(record, proc)).toMatchObject({
      kind: 'stale',
      reason: 'pid 4242 now belongs to another program (sleep, started later)',
    });
  });

  it('is stale when the process lacks our marker (another stack, or not a JVM of ours)', () => {
    const other = markerFlag('/elsewhere/.stack', 'kafka');
    const proc = { startTime: '90371', name: 'java', cmdline: ['java', other] };
    expect(classifyPid(record, proc)).toMatchObject({ kind: 'stale' });
  });
});

describe('markerFlag', () => {
  it('names the stack directory and the component', () => {
    expect(markerFlag('/repo/ops/.stack', 'registry')).toBe('-Dsec-tracker.stack=/repo/ops/.stack#registry');
  });
});

describe('parsePidRecord', () => {
  it('round-trips what writePidFile writes', () => {
    expect(parsePidRecord(JSON.stringify(record))).toEqual(record);
  });

  it.each([
    ['garbage', 'not JSON'],
    ['12345', 'missing fields'],
    [JSON.stringify({ ...record, pid: 1 }), 'missing fields'],
    [JSON.stringify({ ...record, component: 'zookeeper' }), 'missing fields'],
  ])('rejects %j', (text, why) => {
    expect(parsePidRecord(text)).toBe(why);
  });
});
