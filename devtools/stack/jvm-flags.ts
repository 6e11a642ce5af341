/**
 * JVM flags that keep a dev-stack JVM small (measured on the broker: RSS 350 → 285 MB): serial GC
 * (G1's extra threads and remembered sets buy nothing for one developer), a small initial heap,
 * and the C1 compiler only, which also starts faster; peak throughput does not matter here.
 */
export const SMALL_JVM = [
  '-XX:+UseSerialGC',
  '-Xms32m',
  '-XX:TieredStopAtLevel=1',
  '-XX:ReservedCodeCacheSize=64m',
];

const UNIT: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** Pure: bytes of a JVM size like "512m", or undefined when it is not one. */
export function parseHeap(size: string): number | undefined {
  const match = /^(\d+)([kmg]?)$/i.exec(size.trim());
  if (!match?.[1]) {
    return undefined;
  }
  return Number(match[1]) * (UNIT[(match[2] ?? '').toLowerCase()] ?? 1);
}

/** The smallest heap accepted: below it neither JVM starts reliably (and -Xms32m would exceed it). */
export const MIN_HEAP_BYTES = 64 * 1024 ** 2;
