import net from 'node:net';
import { isPortFree, parseListenerOwner } from './ports';

describe('parseListenerOwner', () => {
  it('reads the first process of ss -ltnpH output', () => {
    const line = 'LISTEN 0 50 [::ffff:127.0.0.1]:9092 *:* users:(("java",pid=14095,fd=95))';
    expect(parseListenerOwner(line)).toEqual({ name: 'java', pid: 14095 });
  });

  it('is undefined when ss shows no process (another user, no privileges)', () => {
    expect(parseListenerOwner('LISTEN 0 128 0.0.0.0:2024 0.0.0.0:*')).toBeUndefined();
    expect(parseListenerOwner('')).toBeUndefined();
  });
});

describe('isPortFree', () => {
  it('sees a port held by a listening server, and free again after it closes', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    expect(await isPortFree(port)).toBe(false);
    await new Promise((resolve) => server.close(resolve));
    expect(await isPortFree(port)).toBe(true);
  });
});
