import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP relay in front of a shared service (Redis): a test "stops the service" by stopping the
 * relay, and never touches the service other engineers' tests use.
 */
export interface TcpRelay {
  readonly port: number;
  /** Drops every relayed connection and refuses new ones. */
  stop(): Promise<void>;
  /** Accepts connections again on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpRelay(target: { host: string; port: number }): Promise<TcpRelay> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target);
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  const stop = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of sockets) {
      s.destroy();
    }
    sockets.clear();
    await closed;
  };
  return {
    port,
    stop,
    start: () => listen(port),
    close: async () => {
      if (server.listening) {
        await stop();
      }
    },
  };
}
