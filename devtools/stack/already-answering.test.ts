import { answeringReport, componentsToStart } from './already-answering';
import type { PidState } from './pid-file';

const absent: PidState = { kind: 'absent' };
const ours: PidState = {
  kind: 'ours',
  record: {
    component: 'kafka',
    pid: 4242,
    startTime: '1',
    marker: '-Dsec-tracker.stack=/tmp/s#kafka',
    version: '4.1.1',
    address: '127.0.0.1:9092',
    startedAt: '2026-01-01T00:00:00Z',
  },
};
const managed = { kafka: true, registry: true };

describe('what up starts', () => {
  it('starts nothing that already answers, whoever started it', () => {
    const answering = { kafka: { version: '4.1.1' }, registry: {} };
    expect(componentsToStart(managed, { kafka: absent, registry: absent }, answering)).toEqual({
      kafka: false,
      registry: false,
    });
  });

  it('starts only what is missing', () => {
    const answering = { kafka: {}, registry: undefined };
    expect(componentsToStart(managed, { kafka: absent, registry: absent }, answering)).toEqual({
      kafka: false,
      registry: true,
    });
  });

  it('leaves its own processes and unmanaged (remote) components to the other steps', () => {
    const nothing = { kafka: undefined, registry: undefined };
    expect(componentsToStart(managed, { kafka: ours, registry: absent }, nothing)).toEqual({
      kafka: false,
      registry: true,
    });
    expect(
      componentsToStart({ kafka: false, registry: true }, { kafka: absent, registry: absent }, nothing),
    ).toEqual({ kafka: false, registry: true });
  });

  it('reports a component it found answering as running and not its own', () => {
    expect(answeringReport('kafka', '127.0.0.1:9092', { version: '4.1.1' })).toEqual({
      name: 'kafka',
      state: 'running',
      healthy: true,
      address: '127.0.0.1:9092',
      version: '4.1.1',
      detail: 'already answering, not started by this stack (no pid file in STACK_DIR): used as it is',
    });
  });
});
