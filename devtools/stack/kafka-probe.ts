import net from 'node:net';
import { completeFrame, decodeApiVersionsResponse, encodeApiVersionsRequest } from './kafka-wire';

/**
 * Resolves when the broker at the first address serves clients; rejects saying why not. The stack
 * takes this as a parameter so the shared Kafka module can supply a full client metadata request.
 */
export type KafkaProbe = (brokers: readonly string[]) => Promise<{ version?: string }>;

function splitHostPort(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  return { host: address.slice(0, at), port: Number(address.slice(at + 1)) };
}

/** TCP connect plus an ApiVersions round trip (see kafka-wire.ts), bounded by `timeoutMs`. */
export function probeKafkaApiVersions(timeoutMs = 3_000): KafkaProbe {
  return (brokers) => {
    const address = brokers[0];
    if (!address) {
      return Promise.reject(new Error('no broker address'));
    }
    const { host, port } = splitHostPort(address);
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      let received = Buffer.alloc(0);
      const fail = (message: string) => {
        socket.destroy();
        reject(new Error(`Kafka at ${address}: ${message}`));
      };
      socket.setTimeout(timeoutMs, () => fail(`no answer to ApiVersions within ${timeoutMs} ms`));
      socket.once('error', (err) => fail(err.message));
      socket.once('connect', () => socket.write(encodeApiVersionsRequest(1, 'sec-tracker-stack')));
      socket.on('data', (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        const frame = completeFrame(received);
        if (!frame) {
          return;
        }
        socket.destroy();
        try {
          const answer = decodeApiVersionsResponse(frame);
          if (answer.errorCode !== 0) {
            reject(new Error(`Kafka at ${address}: ApiVersions error ${answer.errorCode}`));
          } else {
            resolve({});
          }
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
        }
      });
      socket.once('end', () => fail('connection closed before an answer'));
    });
  };
}
