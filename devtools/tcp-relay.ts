import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP relay in front of a real, shared service (Postgres, Redis): tests and the chaos campaign
 * make the service unreachable for their own clients by cutting the relay, never by stopping the
 * service everyone else uses. While cut, the relay keeps its port (nothing else can take it) and
 * closes each new connection at once, counting it: proof that a client tried during the outage.
 */
export interface TcpRelay {
  readonly port: number;
  /** `original` (a postgres:// or redis:// URL) pointed at the relay. */
  url(original: string): string;
  /** Connections turned away while cut. */
  refused(): number;
  /** Drops every relayed connection and turns new ones away until `restore()`. (Async like a real outage switch would be.) */
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpRelay(target: { host: string; port: number }): Promise<TcpRelay> {
  let up = true;
  let refused = 0;
  const sockets = new Set<net.Socket>();
  const dropAll = () => {
    for (const s of sockets) {
      s.destroy();
    }
    sockets.clear();
  };
  const server = net.createServer((client) => {
    if (!up) {
      refused++;
      client.destroy();
      return;
    }
    const upstream = net.connect(target);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', drop).on('close', drop);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url(original) {
      const u = new URL(original);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    refused: () => refused,
    cut() {
      up = false;
      dropAll();
      return Promise.resolve();
    },
    restore() {
      up = true;
      return Promise.resolve();
    },
    async close() {
      dropAll();
      if (server.listening) {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}
