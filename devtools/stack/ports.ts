import { execFile } from 'node:child_process';
import net from 'node:net';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** True when nothing listens on host:port, found by binding it for a moment. */
export async function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE' || err.code === 'EACCES') {
        resolve(false);
      } else {
        reject(err);
      }
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Pure: the first `users:(("name",pid=N,…))` of `ss -ltnpH` output. */
export function parseListenerOwner(ssOutput: string): { name: string; pid: number } | undefined {
  const match = /users:\(\("([^"]*)",pid=(\d+)/.exec(ssOutput);
  if (!match?.[1] || !match[2]) {
    return undefined;
  }
  return { name: match[1], pid: Number(match[2]) };
}

/** Who listens on a TCP port, as far as `ss` can tell (it needs to be the same user, or root). */
export async function findPortOwner(port: number): Promise<{ name: string; pid: number } | undefined> {
  try {
    const { stdout } = await run('ss', ['-ltnpH', `sport = :${port}`], { timeout: 5_000 });
    return parseListenerOwner(stdout);
  } catch {
    return undefined;
  }
}
