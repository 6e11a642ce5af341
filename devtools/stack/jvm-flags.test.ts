import { MIN_HEAP_BYTES, parseHeap } from './jvm-flags';

describe('parseHeap', () => {
  it.each([
    ['512m', 512 * 1024 ** 2],
    ['1G', 1024 ** 3],
    ['65536k', 64 * 1024 ** 2],
    ['134217728', 128 * 1024 ** 2],
  ])('reads %s', (size, bytes) => {
    expect(parseHeap(size)).toBe(bytes);
  });

  it.each(['', '512 MB', '1.5g', '-1m', 'lots'])('rejects %j', (size) => {
    expect(parseHeap(size)).toBeUndefined();
  });

  it('accepts the defaults and rejects tiny heaps via MIN_HEAP_BYTES', () => {
    expect(parseHeap('384m')!).toBeGreaterThanOrEqual(MIN_HEAP_BYTES);
    expect(parseHeap('12m')!).toBeLessThan(MIN_HEAP_BYTES);
  });
});
