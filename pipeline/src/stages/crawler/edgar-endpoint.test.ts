import { edgarEndpoint } from './edgar-endpoint';

describe('edgarEndpoint', () => {
  it.each([
    [
      'https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&type=4&start=0&count=100&output=atom',
      'live_feed',
    ],
    ['https://www.sec.gov/Archives/edgar/data/320193/000032019326000011/0000320193-26-000011.txt', 'filing'],
    ['https://www.sec.gov/Archives/edgar/daily-index/2026/QTR2/form.20260505.idx', 'daily_index'],
    ['https://www.sec.gov/Archives/edgar/full-index/2025/QTR4/form.idx', 'full_index'],
    ['https://data.sec.gov/submissions/CIK0000320193.json', 'submissions'],
    ['https://data.sec.gov/submissions/CIK0000320193-submissions-001.json', 'submissions'],
    ['http://127.0.0.1:8089/data.sec.gov/submissions/CIK0009990001.json', 'submissions'],
    ['https://www.sec.gov/files/company_tickers.json', 'company_tickers'],
    ['https://www.sec.gov/robots.txt', 'other'],
    ['not a url', 'other'],
  ])('%s is %s', (url, endpoint) => {
    expect(edgarEndpoint(url)).toBe(endpoint);
  });
});
