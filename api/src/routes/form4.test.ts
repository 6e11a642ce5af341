import { HttpError } from '../errors';
import { parseForm4Request } from './form4';

function reject(ticker: string, query: Record<string, string | string[]>): HttpError {
  try {
    parseForm4Request(ticker, query);
  } catch (err) {
    if (err instanceof HttpError) {
      return err;
    }
    throw err;
  }
  throw new Error('expected a 400');
}

describe('parseForm4Request', () => {
  it('upper-cases the ticker and applies defaults', () => {
    expect(parseForm4Request('acme', {})).toEqual({
      ticker: 'ACME',
      from: undefined,
      to: undefined,
      codes: undefined,
      limit: 100,
    });
  });

  it('accepts dates, codes and a limit', () => {
    expect(
      parseForm4Request('BRK.B', { from: '2026-01-01', to: '2026-02-01', code: 'p,S', limit: '5' }),
    ).toEqual({
      ticker: 'BRK.B',
      from: '2026-01-01',
      to: '2026-02-01',
      codes: ['P', 'S'],
      limit: 5,
    });
  });

  it.each([
    ['ACME;DROP', {}, /not a ticker/],
    ['ACME', { limit: '0' }, /limit/],
    ['ACME', { limit: '5000' }, /limit/],
    ['ACME', { from: '2026-13-45' }, /from/],
    ['ACME', { from: '2026-03-01', to: '2026-01-01' }, /after/],
    ['ACME', { code: 'PP' }, /code/],
    ['ACME', { sort: 'x' }, /unknown query parameter/],
    ['ACME', { limit: ['1', '2'] }, /more than once/],
  ])('answers 400 for %s %j', (ticker, query, message) => {
    const err = reject(ticker, query);
    expect(err.status).toBe(400);
    expect(err.message).toMatch(message);
  });
});
