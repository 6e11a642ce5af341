import { HttpError } from '../errors';
import { parseParams, parseQuery } from '../framework/mount';
import type { Route } from '../framework/route';
import { analysisList } from './analysis';
import { form4ByIssuer, form4Latest } from './form4';
import { issuerSummary } from './issuers';

type Raw = Record<string, string | string[]>;

function rejection(run: () => unknown): HttpError {
  try {
    run();
  } catch (err) {
    if (err instanceof HttpError) {
      return err;
    }
    throw err;
  }
  throw new Error('expected a 400');
}

const query = (route: Route, raw: Raw) => parseQuery(route, raw);

describe('form4 by ticker: query', () => {
  it('applies defaults', () => {
    expect(query(form4ByIssuer, {})).toEqual({
      exclude_10b5_1: false,
      include_derivative: false,
      limit: 100,
    });
  });

  it('parses every filter, upper-cases codes, pads the owner CIK, maps aliases', () => {
    expect(
      query(form4ByIssuer, {
        from: '2024-02-29',
        to: '2026-03-31',
        codes: 'p, s',
        kind: 'Open_Market_Purchase',
        owner: '1234',
        role: 'CEO,director',
        min_value: '100000.50',
        hide_planned: 'true',
        include_derivative: '1',
        count: '5',
        as_of: '2026-03-02T16:05:00-05:00',
      }),
    ).toEqual({
      from: '2024-02-29',
      to: '2026-03-31',
      codes: ['P', 'S'],
      kind: ['open_market_purchase'],
      owner: '0000001234',
      role: ['ceo', 'director'],
      min_value: '100000.50',
      exclude_10b5_1: true,
      include_derivative: true,
      limit: 5,
      as_of: '2026-03-02T21:05:00.000Z',
    });
  });

  it('treats an empty value as absent', () => {
    expect(query(form4ByIssuer, { from: '' })).toEqual(query(form4ByIssuer, {}));
  });

  it.each<[Raw, string, string, RegExp]>([
    [{ from: '2026-02-31' }, 'from', 'invalid_parameter', /calendar date/],
    [{ to: '2025-02-29' }, 'to', 'invalid_parameter', /calendar date/],
    [{ from: '2026-13-01' }, 'from', 'invalid_parameter', /calendar date/],
    [{ from: 'yesterday' }, 'from', 'invalid_parameter', /calendar date/],
    [{ as_of: '2026-02-30T10:00:00Z' }, 'as_of', 'invalid_parameter', /date-time/],
    [{ as_of: '2026-03-01T10:00:00' }, 'as_of', 'invalid_parameter', /date-time/],
    [{ limit: '0' }, 'limit', 'invalid_parameter', /at least 1/],
    [{ limit: '1001' }, 'limit', 'invalid_parameter', /at most 1000/],
    [{ count: '-1' }, 'limit', 'invalid_parameter', /whole number/],
    [{ limit: '1.5' }, 'limit', 'invalid_parameter', /whole number/],
    [{ days: '0' }, 'days', 'invalid_parameter', /at least 1/],
    [{ codes: 'PP' }, 'codes', 'invalid_parameter', /"PP"/],
    [{ kind: 'buy' }, 'kind', 'invalid_parameter', /allowed: open_market_purchase/],
    [{ role: 'chairman' }, 'role', 'invalid_parameter', /allowed: ceo/],
    [{ owner: 'abc' }, 'owner', 'invalid_parameter', /not a CIK/],
    [{ min_value: '-5' }, 'min_value', 'invalid_parameter', /non-negative/],
    [{ min_value: '1e9' }, 'min_value', 'invalid_parameter', /non-negative/],
    [{ exclude_10b5_1: 'maybe' }, 'exclude_10b5_1', 'invalid_parameter', /true or false/],
    [{ sort: 'x' }, 'sort', 'unknown_parameter', /unknown query parameter/],
    [{ limit: ['1', '2'] }, 'limit', 'repeated_parameter', /more than once/],
    [{ limit: '5', count: '6' }, 'count', 'invalid_parameter', /alias of "limit"/],
    [{ hide_planned: 'true', exclude_10b5_1: 'false' }, 'hide_planned', 'invalid_parameter', /alias/],
  ])('answers 400 for %j', (raw, parameter, code, message) => {
    const err = rejection(() => query(form4ByIssuer, raw));
    expect({ status: err.status, parameter: err.parameter, code: err.code }).toEqual({
      status: 400,
      parameter,
      code,
    });
    expect(err.message).toMatch(message);
  });
});

describe('path parameters', () => {
  it('reads a ticker in any case, or a CIK padded to 10 digits', () => {
    expect(parseParams(form4ByIssuer, { ticker: 'brk.b' })).toEqual({ ticker: { ticker: 'BRK.B' } });
    expect(parseParams(issuerSummary, { issuer: '320193' })).toEqual({ issuer: { cik: '0000320193' } });
  });

  it.each([['ACME;DROP'], ['A'.repeat(11)], ['-X']])('answers 400 for ticker %s', (ticker) => {
    const err = rejection(() => parseParams(form4ByIssuer, { ticker }));
    expect({ status: err.status, parameter: err.parameter }).toEqual({ status: 400, parameter: 'ticker' });
  });
});

describe('form4 latest and analysis', () => {
  it.each<[Route, Raw, string]>([
    [form4Latest, { count: '501' }, 'count'],
    [form4Latest, { min_amount: 'lots' }, 'min_amount'],
    [form4Latest, { role: 'ceo,janitor' }, 'role'],
    [form4Latest, { codes: 'P,S,'.repeat(10) + 'X1' }, 'codes'],
    [analysisList, { since: '2026-02-30' }, 'since'],
    [analysisList, { sentiment: 'positive' }, 'sentiment'],
    [analysisList, { model: 'rules' }, 'model'],
    [issuerSummary, { as_of_date: '2026-04-31' }, 'as_of_date'],
    [issuerSummary, { days: '366' }, 'days'],
  ])('%#: answers 400 naming the parameter', (route, raw, parameter) => {
    const err = rejection(() => query(route, raw));
    expect({ status: err.status, parameter: err.parameter }).toEqual({ status: 400, parameter });
  });

  it('accepts a sentiment in any case', () => {
    expect(query(analysisList, { sentiment: 'Bullish', ticker: 'kgrd' })).toEqual({
      sentiment: 'bullish',
      ticker: 'KGRD',
      limit: 50,
    });
  });
});
