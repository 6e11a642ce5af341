import { parseProcStat } from './processes';

/** Builds a /proc/<pid>/stat line: fields 3.. are state, then 18 more, then starttime (22). */
const stat = (pid: number, name: string, state: string, startTime: string) =>
  `${pid} (${name}) ${state} ${Array.from({ length: 18 }, (_, i) => i + 1).join(' ')} ${startTime} 4096 12`;

describe('parseProcStat', () => {
  it('reads name, state and start time', () => {
    expect(parseProcStat(stat(14095, 'java', 'S', '90371'))).toEqual({
      name: 'java',
      state: 'S',
      startTime: '90371',
    });
  });

  it('counts fields from the last parenthesis, so odd process names do not shift them', () => {
    expect(parseProcStat(stat(7, 'a) b (c', 'Z', '555'))).toEqual({
      name: 'a) b (c',
      state: 'Z',
      startTime: '555',
    });
  });

  it('rejects truncated input', () => {
    expect(parseProcStat('12 (java) S 1 2')).toBeUndefined();
    expect(parseProcStat('')).toBeUndefined();
  });

  it('parses this very process from /proc', async () => {
    const { readFile } = await import('node:fs/promises');
    const parsed = parseProcStat(await readFile(`/proc/${process.pid}/stat`, 'utf8'));
    expect(parsed?.startTime).toMatch(/^\d+$/);
  });
});
