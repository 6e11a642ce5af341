import { waitUntilHealthy } from './health';

describe('waitUntilHealthy', () => {
  it('retries until the check passes', async () => {
    let calls = 0;
    const check = () => (++calls < 3 ? Promise.reject(new Error('not yet')) : Promise.resolve('ok'));
    await expect(waitUntilHealthy(check, { deadline: Date.now() + 5_000, intervalMs: 1 })).resolves.toBe(
      'ok',
    );
    expect(calls).toBe(3);
  });

  it('gives up at the deadline with the last failure', async () => {
    const check = () => Promise.reject(new Error('ECONNREFUSED'));
    await expect(waitUntilHealthy(check, { deadline: Date.now() + 30, intervalMs: 5 })).rejects.toThrow(
      'not healthy in time (last check: ECONNREFUSED)',
    );
  });

  it('stops at once when the process has exited', async () => {
    const check = () => Promise.reject(new Error('no'));
    const alive = () => Promise.resolve(false);
    await expect(waitUntilHealthy(check, { deadline: Date.now() + 60_000, alive })).rejects.toThrow(
      'the process exited',
    );
  });

  it('stops when interrupted', async () => {
    const controller = new AbortController();
    controller.abort();
    const check = () => Promise.resolve(1);
    await expect(
      waitUntilHealthy(check, { deadline: Date.now() + 60_000, signal: controller.signal }),
    ).rejects.toThrow('interrupted');
  });
});
