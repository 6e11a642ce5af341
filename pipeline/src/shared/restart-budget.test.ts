import { isExhausted, isRetriable, PipelineError, RetriesExhausted } from './errors';
import { createRestartBudget } from './restart-budget';

describe('createRestartBudget', () => {
  it('allows max restarts in the window and refuses the next one', () => {
    const budget = createRestartBudget({ max: 3, windowMs: 1000 });
    expect([budget.allow(0), budget.allow(100), budget.allow(200)]).toEqual([true, true, true]);
    expect(budget.allow(300)).toBe(false);
  });

  it('forgets restarts older than the window', () => {
    const budget = createRestartBudget({ max: 2, windowMs: 1000 });
    budget.allow(0);
    budget.allow(500);
    expect(budget.allow(1200)).toBe(true);
    expect(budget.recent(1200)).toBe(2);
    expect(budget.recent(5000)).toBe(0);
  });
});

describe('isRetriable', () => {
  it('believes an error that says whether it is retriable', () => {
    expect(isRetriable(new PipelineError('bad', 'BAD', false))).toBe(false);
    expect(isRetriable(new PipelineError('down', 'DOWN', true))).toBe(true);
    expect(isRetriable(Object.assign(new Error('kafkajs'), { retriable: false }))).toBe(false);
    expect(isRetriable(new RetriesExhausted(1000, new Error('x')))).toBe(true);
  });

  it('takes any other error as retriable (a dependency down is not a bad record)', () => {
    expect(isRetriable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isRetriable('a string')).toBe(true);
  });
});

describe('isExhausted', () => {
  it('is exhausted once the batch has failed for the whole budget', () => {
    expect(isExhausted(0, 999, { budgetMs: 1000 })).toBe(false);
    expect(isExhausted(0, 1000, { budgetMs: 1000 })).toBe(true);
  });
});
