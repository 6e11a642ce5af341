/**
 * Hostile input against every route the app serves (read from its routers, so a new route is
 * covered without editing this file), over real HTTP with real Postgres and Redis, auth on.
 * Every case must answer 4xx with a JSON error body: never a 500, never data without auth.
 */
import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { createTestDatabase } from '../../pipeline/test/integration/helpers';
import type { RouteEntry } from '../src/route-table';
import { apiTestConfig, runKeys, startTestApi } from './helpers';
import type { TestApi } from './helpers';
import { get, rawRequest } from './raw-http';
import type { RawResponse } from './raw-http';

const ENV_KEY = 'hostile-env-key-0123456789abcdef';
const SECRET = 'hostile-suite-hs256-secret-of-at-least-32-bytes';
const ISSUER = 'https://issuer.example';
const AUDIENCE = 'sec-tracker';

/** Values hostile to any parameter or path segment, URL-encoded as they go on the wire. */
const enc = encodeURIComponent;
const HOSTILE: [string, string][] = [
  ['sqli quote', enc("' OR '1'='1")],
  ['sqli stacked', enc('1; DROP TABLE filings;--')],
  ['sqli union', enc("x' UNION SELECT null, version()--")],
  ['sqli comment', enc("ACME'--")],
  ['sqli double quote', enc('" OR 1=1 --')],
  ['traversal', enc('../../etc/passwd')],
  ['traversal encoded twice', '..%252F..%252Fetc%252Fpasswd'],
  ['nul', '%00'],
  ['nul suffix', 'ACME%00'],
  ['10 kB', 'A'.repeat(10_000)],
  ['1000 tickers', enc(Array.from({ length: 1000 }, (_, i) => `T${i}`).join(','))],
  ['invalid utf-8', '%FF%FE%FD'],
  ['overlong utf-8', '%C0%AF'],
  ['truncated escape', '%E0%A4%A'],
  ['lone percent', '%'],
  ['cyrillic confusable', enc('АСМЕ')],
  ['fullwidth confusable', enc('ＡＣＭＥ')],
  ['right-to-left override', enc('\u202eACME')],
  ['zero-width joiner', enc('AC\u200dME')],
  ['template', enc('${7*7}')],
  ['html', enc('<script>alert(1)</script>')],
  ['newline', enc('ACME\r\nX-Injected: 1')],
  ['whitespace', enc('   ')],
];
/** Hostile to numeric parameters in particular. */
const NUMBERS: [string, string][] = [
  ['huge', '99999999999999999999999999'],
  ['float overflow', '1e309'],
  ['negative', '-1'],
  ['large negative', '-99999999999'],
  ['zero', '0'],
  ['fraction', '1.5'],
  ['hex', '0x10'],
  ['NaN', 'NaN'],
  ['Infinity', 'Infinity'],
  ['non-numeric', 'abc'],
  ['empty array', '%5B%5D'],
];
const NUMERIC_PARAMS = ['limit', 'days', 'offset', 'page'];
/** Every query parameter name the routes use; one a route does not know is a 400 by itself. */
const PARAMS = ['ticker', 'from', 'to', 'since', 'code', 'sentiment', 'cik', 'q', 'type', ...NUMERIC_PARAMS];
/**
 * Free text (search): a quote or a confusable is a legitimate thing to search for, so these may
 * answer 200 — with JSON, never a 5xx and never anything but an empty result for hostile text.
 */
const FREE_TEXT = ['q'];

let db: { url: string; drop(): Promise<void> };
let api: TestApi;
let revokedKey: string;
let ran = 0;
const failures: string[] = [];

function token(claims: object, options: jwt.SignOptions = {}, key: jwt.Secret = SECRET): string {
  return jwt.sign(claims, key, { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE, ...options });
}

const now = () => Math.floor(Date.now() / 1000);

/** A free-text case: 4xx JSON as any other, or 200 JSON finding nothing. */
function checkFreeText(label: string, res: RawResponse): void {
  if (res.status !== 200) {
    check(label, res);
    return;
  }
  ran++;
  const body = JSON.parse(res.body) as { count?: unknown };
  if (body.count !== 0) {
    failures.push(`${label}: 200 with results ${res.body.slice(0, 200)}`);
  }
}

/** Records a case: 4xx, a JSON body with error.message, and 401 whenever `unauthenticated`. */
function check(label: string, res: RawResponse, unauthenticated = false): void {
  ran++;
  let body: { error?: { message?: unknown } } | undefined;
  try {
    body = JSON.parse(res.body) as typeof body;
  } catch {
    body = undefined;
  }
  const problems = [
    res.status >= 400 && res.status < 500 ? '' : `status ${res.status}`,
    String(res.headers['content-type']).startsWith('application/json') ? '' : 'not JSON',
    typeof body?.error?.message === 'string' ? '' : 'no error.message',
    unauthenticated && res.status !== 401 ? `expected 401, got ${res.status}` : '',
  ].filter(Boolean);
  if (problems.length > 0) {
    failures.push(`${label}: ${problems.join(', ')} ${res.body.slice(0, 200)}`);
  }
}

/** A concrete path for a route template, one parameter replaced by `value`, the others plausible. */
function pathFor(route: RouteEntry, param?: string, value?: string): string {
  return route.path.replace(/:(\w+)/g, (_, name: string) => (name === param ? value! : 'ACME'));
}

const withKey = { 'x-api-key': ENV_KEY };

beforeAll(async () => {
  db = await createTestDatabase('hostile');
  const env = {
    API_KEYS: ENV_KEY,
    JWT_SECRET: SECRET,
    JWT_ISSUER: ISSUER,
    JWT_AUDIENCE: AUDIENCE,
    API_RATE_LIMIT: '10000000',
  };
  const config = apiTestConfig(db.url, env);
  const created = await runKeys(config, ['create', '--name', 'to-revoke']);
  revokedKey = created.out[1]!;
  await runKeys(config, ['revoke', created.out[0]!.match(/API key (\d+)/)![1]!]);
  api = await startTestApi(config);
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
  // The issue asks for the number of cases; printed once, whatever the outcome.
  console.log(`hostile suite: ${ran} cases against ${api?.routes.length ?? 0} routes`);
});

describe('hostile input: every case answers 4xx JSON', () => {
  beforeEach(() => {
    failures.length = 0;
  });

  it('knows the routes the app serves', () => {
    expect(api.routes.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/api/v1/form4/:ticker', '/health']),
    );
  });

  it('every path segment of every route', async () => {
    for (const route of api.routes) {
      for (const param of [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!)) {
        for (const [label, value] of [
          ...HOSTILE,
          ...NUMBERS.filter(([l]) => l !== 'zero' && l !== 'fraction'),
        ]) {
          const path = pathFor(route, param, value);
          check(`${route.path} :${param} ${label}`, await get(api.url, path, withKey));
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('every query parameter of every route, and duplicated parameters', async () => {
    for (const route of api.routes.filter((r) => r.path.startsWith('/api/'))) {
      for (const name of PARAMS) {
        const values = NUMERIC_PARAMS.includes(name) ? [...HOSTILE, ...NUMBERS] : HOSTILE;
        const checkCase = FREE_TEXT.includes(name) ? checkFreeText : check;
        for (const [label, value] of values) {
          checkCase(
            `${route.path} ?${name} ${label}`,
            await get(api.url, `${pathFor(route)}?${name}=${value}`, withKey),
          );
        }
        check(
          `${route.path} ?${name} twice`,
          await get(api.url, `${pathFor(route)}?${name}=1&${name}=2`, withKey),
        );
      }
      check(
        `${route.path} 1000 parameters`,
        await get(api.url, `${pathFor(route)}?${PARAMS.map((p, i) => `${p}${i}=x`).join('&')}`, withKey),
      );
    }
    expect(failures).toEqual([]);
  });

  it('raw requests: traversal, invalid UTF-8 bytes, oversized and malformed headers', async () => {
    const raw = (line: string | Buffer, headers = '') =>
      rawRequest(
        api.url,
        Buffer.concat([
          Buffer.isBuffer(line) ? line : Buffer.from(line),
          Buffer.from(`\r\nHost: x\r\nX-API-Key: ${ENV_KEY}\r\nConnection: close\r\n${headers}\r\n`),
        ]),
      );
    check('traversal', await raw('GET /api/v1/form4/../../../etc/passwd HTTP/1.1'));
    check('traversal to metrics', await raw('GET /api/v1/../../metrics HTTP/1.1'));
    check(
      'invalid utf-8 bytes in path',
      await raw(
        Buffer.concat([
          Buffer.from('GET /api/v1/form4/AC'),
          Buffer.from([0xff, 0xfe]),
          Buffer.from(' HTTP/1.1'),
        ]),
      ),
    );
    check('20 kB header', await raw('GET /api/v1/clusters HTTP/1.1', `X-Big: ${'a'.repeat(20_000)}\r\n`));
    check(
      '2000 headers (over 16 kB together)',
      await raw(
        'GET /api/v1/clusters HTTP/1.1',
        Array.from({ length: 2000 }, (_, i) => `X-Header-${i}: v\r\n`).join(''),
      ),
    );
    check('header without colon', await raw('GET /api/v1/clusters HTTP/1.1', 'garbage line\r\n'));
    check('bad request line', await raw('GARBAGE'));
    expect(failures).toEqual([]);
  });

  it('no data without valid credentials on any data route', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const noneHeader = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const claims = Buffer.from(
      JSON.stringify({ sub: 'u', iss: ISSUER, aud: AUDIENCE, exp: now() + 600 }),
    ).toString('base64url');
    const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
    const credentials: [string, Record<string, string>][] = [
      ['none', {}],
      ['unknown key', { 'x-api-key': 'sk_not-a-key' }],
      ['revoked key', { 'x-api-key': revokedKey }],
      ['key with sqli', { 'x-api-key': "' OR 1=1 --" }],
      ['empty bearer', { authorization: 'Bearer ' }],
      ['basic auth', { authorization: 'Basic YWRtaW46YWRtaW4=' }],
      ['not a jwt', bearer('abc')],
      ['expired', bearer(token({ sub: 'u', exp: now() - 3600 }))],
      ['not yet valid', bearer(token({ sub: 'u', nbf: now() + 3600 }, { expiresIn: '2h' }))],
      ['no exp', bearer(token({ sub: 'u' }))],
      ['no sub', bearer(token({}, { expiresIn: '1h' }))],
      [
        'wrongly signed',
        bearer(token({ sub: 'u' }, { expiresIn: '1h' }, 'another-secret-of-at-least-32-bytes!!')),
      ],
      ['alg none', bearer(`${noneHeader}.${claims}.`)],
      [
        'RS256 where HS256 is configured',
        bearer(
          jwt.sign({ sub: 'u', iss: ISSUER, aud: AUDIENCE }, privateKey, {
            algorithm: 'RS256',
            expiresIn: '1h',
          }),
        ),
      ],
      ['HS512', bearer(token({ sub: 'u' }, { algorithm: 'HS512', expiresIn: '1h' }))],
      ['wrong audience', bearer(token({ sub: 'u' }, { audience: 'someone-else', expiresIn: '1h' }))],
      ['wrong issuer', bearer(token({ sub: 'u' }, { issuer: 'https://evil.example', expiresIn: '1h' }))],
      ['bad X-Forwarded-For', { 'x-forwarded-for': 'not-an-ip, <script>, 999.1.1.1' }],
      [
        'long X-Forwarded-For',
        { 'x-forwarded-for': Array.from({ length: 500 }, (_, i) => `10.0.${i % 250}.1`).join(', ') },
      ],
    ];
    for (const route of api.routes.filter((r) => r.path.startsWith('/api/'))) {
      for (const [label, headers] of credentials) {
        check(`${route.path} credentials: ${label}`, await get(api.url, pathFor(route), headers), true);
      }
    }
    expect(failures).toEqual([]);
    // The same route does answer with valid credentials: the refusals above are about them.
    const valid = await get(api.url, '/api/v1/clusters', bearer(token({ sub: 'u' }, { expiresIn: '1h' })));
    expect(valid.status).toBe(200);
  });
});
