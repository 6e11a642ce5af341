import { completeFrame, decodeApiVersionsResponse, encodeApiVersionsRequest } from './kafka-wire';

describe('encodeApiVersionsRequest', () => {
  it('writes a size-prefixed ApiVersions v0 request with header v1', () => {
    const frame = encodeApiVersionsRequest(7, 'ab');
    expect([...frame]).toEqual([0, 0, 0, 12, 0, 18, 0, 0, 0, 0, 0, 7, 0, 2, 0x61, 0x62]);
  });
});

describe('completeFrame', () => {
  it('waits until the whole size-prefixed frame has arrived', () => {
    const frame = Buffer.from([0, 0, 0, 3, 1, 2, 3]);
    expect(completeFrame(frame.subarray(0, 2))).toBeUndefined();
    expect(completeFrame(frame.subarray(0, 6))).toBeUndefined();
    expect(completeFrame(Buffer.concat([frame, Buffer.from([9])]))).toEqual(frame);
  });
});

describe('decodeApiVersionsResponse', () => {
  it('reads correlation id, error code and the number of APIs', () => {
    const body = Buffer.alloc(4 + 2 + 4 + 6);
    body.writeInt32BE(7, 0);
    body.writeInt16BE(0, 4);
    body.writeInt32BE(1, 6);
    body.writeInt16BE(18, 10);
    const size = Buffer.alloc(4);
    size.writeInt32BE(body.length);
    expect(decodeApiVersionsResponse(Buffer.concat([size, body]))).toEqual({
      correlationId: 7,
      errorCode: 0,
      apiCount: 1,
    });
  });

  it('reports an UNSUPPORTED_VERSION answer as its error code', () => {
    const frame = Buffer.from([0, 0, 0, 10, 0, 0, 0, 1, 0, 35, 0, 0, 0, 0]);
    expect(decodeApiVersionsResponse(frame).errorCode).toBe(35);
  });

  it('rejects a frame too short to be an answer', () => {
    expect(() => decodeApiVersionsResponse(Buffer.from([0, 0, 0, 2, 0, 0]))).toThrow(/too short/);
  });
});
