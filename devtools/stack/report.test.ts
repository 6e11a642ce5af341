import { formatReport } from './report';
import type { StackReport } from './report';

const report: StackReport = {
  action: 'up',
  ok: true,
  changed: false,
  elapsedMs: 164,
  stackDir: '/repo/ops/.stack',
  notes: [],
  components: [
    { name: 'kafka', state: 'running', healthy: true, address: '127.0.0.1:9092', pid: 10, version: '4.1.1' },
    { name: 'redis', state: 'running', healthy: true, address: '127.0.0.1:6379', version: '7.0.15' },
  ],
};

describe('formatReport', () => {
  it('prints a headline and one aligned row per component', () => {
    expect(formatReport(report)).toBe(
      [
        'stack up: already up, nothing changed (0.2 s, /repo/ops/.stack)',
        '  kafka  running  127.0.0.1:9092  pid 10  4.1.1',
        '  redis  running  127.0.0.1:6379          7.0.15',
        '',
      ].join('\n'),
    );
  });

  it('says when status is not all healthy, and prints notes', () => {
    const text = formatReport({ ...report, action: 'status', ok: false, notes: ['stale pid file removed'] });
    expect(text).toMatch(/^stack status: NOT all healthy/);
    expect(text).toContain('  note: stale pid file removed');
  });
});
