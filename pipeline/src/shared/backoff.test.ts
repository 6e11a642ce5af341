import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('grows exponentially within [ceiling/2, ceiling] and stops at the cap', () => {
    expect(backoffDelay(1, 200, 30000, () => 0)).toBe(100);
    expect(backoffDelay(1, 200, 30000, () => 1)).toBe(200);
    expect(backoffDelay(4, 200, 30000, () => 1)).toBe(1600);
    expect(backoffDelay(40, 200, 30000, () => 1)).toBe(30000);
    expect(backoffDelay(40, 200, 30000, () => 0)).toBe(15000);
  });
});
