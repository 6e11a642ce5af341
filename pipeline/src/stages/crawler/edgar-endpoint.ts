/**
 * The EDGAR endpoint a request URL belongs to: the `endpoint` label of the crawler's request
 * metrics. A closed set, so the label never grows with CIKs or accession numbers. Pure.
 */
export type EdgarEndpoint =
  'live_feed' | 'filing' | 'daily_index' | 'full_index' | 'submissions' | 'company_tickers' | 'other';

const BY_PATH: [RegExp, EdgarEndpoint][] = [
  [/\/cgi-bin\/browse-edgar$/, 'live_feed'],
  [/\/Archives\/edgar\/data\/\d+\/\d+\/[\d-]+\.txt$/, 'filing'],
  [/\/Archives\/edgar\/daily-index\//, 'daily_index'],
  [/\/Archives\/edgar\/full-index\//, 'full_index'],
  [/\/submissions\/CIK\d{10}(-submissions-\d+)?\.json$/, 'submissions'],
  [/\/files\/company_tickers\.json$/, 'company_tickers'],
];

export function edgarEndpoint(url: string): EdgarEndpoint {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return 'other';
  }
  return BY_PATH.find(([pattern]) => pattern.test(path))?.[1] ?? 'other';
}
