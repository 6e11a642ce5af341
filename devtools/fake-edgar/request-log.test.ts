import { maxRequestsInWindow } from './request-log';

describe('maxRequestsInWindow', () => {
  it('counts the busiest one-second window, window end exclusive', () => {
    expect(maxRequestsInWindow([])).toBe(0);
    expect(maxRequestsInWindow([0, 100, 999.9, 1000])).toBe(3);
    expect(maxRequestsInWindow([5000, 0, 2000, 2100, 2200, 2999, 3100])).toBe(4);
  });
  it('accepts other window sizes', () => {
    expect(maxRequestsInWindow([0, 10, 20, 30], 15)).toBe(2);
  });
});
