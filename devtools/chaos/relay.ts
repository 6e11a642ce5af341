import net from 'node:net';

/**
 * A TCP relay in front of a real service (the shared Postgres or Redis), so a campaign can cut the
 * service off for its clients without stopping it: `cut` drops every connection and refuses new
 * ones until `restore`.
 */
export interface Relay {
  readonly port: number;
  readonly url: (original: string) => string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startRelay(target: { host: string; port: number }): Promise<Relay> {
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
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as net.AddressInfo).port);
      });
    });
  const port = await listen(0);
  const stopListening = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    port,
    url(original) {
      const u = new URL(original);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    async cut() {
      const closed = stopListening();
      for (const s of sockets) {
        s.destroy();
      }
      sockets.clear();
      await closed;
    },
    async restore() {
      await listen(port);
    },
    async close() {
      for (const s of sockets) {
        s.destroy();
      }
      if (server.listening) {
        await stopListening();
      }
    },
  };
}
