import { HttpError } from '../errors';
import { parseAnalysisQuery } from './analysis';

function reject(query: Record<string, string | string[]>): HttpError {
  try {
    parseAnalysisQuery(query);
  } catch (err) {
    if (err instanceof HttpError) {
      return err;
    }
    throw err;
  }
  throw new Error('expected a 400');
}

describe('parseAnalysisQuery', () => {
  it('applies defaults', () => {
    expect(parseAnalysisQuery({})).toEqual({
      since: undefined,
      sentiment: undefined,
      ticker: undefined,
      limit: 50,
    });
  });

  it('accepts a date, a sentiment in any case, a ticker and a limit', () => {
    expect(
      parseAnalysisQuery({ since: '2026-04-01', sentiment: 'Bullish', ticker: 'kgrd', limit: '5' }),
    ).toEqual({
      since: '2026-04-01',
      sentiment: 'bullish',
      ticker: 'KGRD',
      limit: 5,
    });
  });

  it.each([
    [{ since: '2026-02-30' }, /since/],
    [{ since: 'yesterday' }, /since/],
    [{ sentiment: 'positive' }, /sentiment/],
    [{ ticker: 'KGRD;DROP' }, /not a ticker/],
    [{ limit: '0' }, /limit/],
    [{ limit: '501' }, /limit/],
    [{ sentiment: ['bullish', 'bearish'] }, /more than once/],
    [{ model: 'rules' }, /unknown query parameter/],
  ])('answers 400 for %j', (query, message) => {
    const err = reject(query);
    expect(err.status).toBe(400);
    expect(err.message).toMatch(message);
  });
});
