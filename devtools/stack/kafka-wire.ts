/**
 * The one Kafka request the stack speaks itself: ApiVersions v0 (api key 18), which every broker
 * answers before any other negotiation, so it needs no client library. A broker only answers once
 * its listeners are accepting requests, which in KRaft mode is after it has joined the quorum and
 * been unfenced, so an answer means the broker is ready for clients.
 * Wire format: https://kafka.apache.org/protocol#The_Messages_ApiVersions
 */
const API_VERSIONS = 18;

/** Size-prefixed request: header v1 (api key, api version, correlation id, client id), empty body. */
export function encodeApiVersionsRequest(correlationId: number, clientId: string): Buffer {
  const id = Buffer.from(clientId, 'utf8');
  const frame = Buffer.alloc(4 + 2 + 2 + 4 + 2 + id.length);
  let at = frame.writeInt32BE(frame.length - 4, 0);
  at = frame.writeInt16BE(API_VERSIONS, at);
  at = frame.writeInt16BE(0, at);
  at = frame.writeInt32BE(correlationId, at);
  at = frame.writeInt16BE(id.length, at);
  id.copy(frame, at);
  return frame;
}

/** The whole frame once `received` holds it (size prefix included), else undefined. */
export function completeFrame(received: Buffer): Buffer | undefined {
  if (received.length < 4) {
    return undefined;
  }
  const size = received.readInt32BE(0);
  return received.length >= 4 + size ? received.subarray(0, 4 + size) : undefined;
}

export interface ApiVersionsAnswer {
  readonly correlationId: number;
  readonly errorCode: number;
  readonly apiCount: number;
}

/** Response v0: correlation id, error code, then an array of (api key, min, max). */
export function decodeApiVersionsResponse(frame: Buffer): ApiVersionsAnswer {
  if (frame.length < 4 + 4 + 2 + 4) {
    throw new Error(`ApiVersions response too short (${frame.length} bytes)`);
  }
  return {
    correlationId: frame.readInt32BE(4),
    errorCode: frame.readInt16BE(8),
    apiCount: frame.readInt32BE(10),
  };
}
