/**
 * A real browser (Debian's chromium, headless, through playwright-core) opens /docs with every
 * request outside the API blocked, and finds each route of /openapi.json listed on the page.
 * The screenshot goes to api/test/.artifacts/ (git-ignored).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { startApi } from '../src/main';
import type { RunningApi } from '../src/main';
import { createMetrics } from '../../pipeline/src/shared/metrics/metrics';
import { testConfig, testLogger } from '../../pipeline/test/integration/helpers';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(__dirname, '.artifacts');

describe('GET /docs in a real browser', () => {
  let api: RunningApi;
  let browser: Browser;

  beforeAll(async () => {
    api = await startApi(testConfig(), testLogger, createMetrics({ process: 'docs-browser-test' }), 0);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('lists every route of the OpenAPI document, with no request leaving the machine', async () => {
    const doc = (await (await fetch(`${api.url}/openapi.json`)).json()) as { paths: Record<string, object> };
    const expected = Object.keys(doc.paths)
      .map((p) => `GET ${p}`)
      .sort();
    expect(expected.length).toBeGreaterThanOrEqual(11);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const outside: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(api.url)) {
        return route.continue();
      }
      outside.push(url);
      return route.abort();
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(`${api.url}/docs`);
    await page.waitForSelector('.opblock-summary-path', { timeout: 30000 });
    const blocks = page.locator('.opblock');
    const listed: string[] = [];
    for (let i = 0; i < (await blocks.count()); i++) {
      const block = blocks.nth(i);
      const method = (await block.locator('.opblock-summary-method').textContent()) ?? '';
      const route = (await block.locator('.opblock-summary-path').getAttribute('data-path')) ?? '';
      listed.push(`${method.trim().toUpperCase()} ${route}`);
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'docs.png'), fullPage: true });

    expect([...new Set(listed)].sort()).toEqual(expected);
    expect(await page.textContent('.info .title')).toContain('sec-tracker API');
    expect(outside).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
