/**
 * Quarter names of the Insider Transactions Data Sets (`2025q2`), and where the SEC publishes
 * each zip: https://www.sec.gov/files/structureddata/data/form-345-data-sets/<quarter>_form345.zip
 * (the data sets start with 2006q1). Pure.
 */
import { DatasetError } from './dataset-error';

export const FIRST_QUARTER = '2006q1';
export const DATASET_PATH = '/files/structureddata/data/form-345-data-sets';

const QUARTER = /^(\d{4})q([1-4])$/;

function parseQuarter(text: string): { year: number; q: number } {
  const m = QUARTER.exec(text.trim().toLowerCase());
  if (!m) {
    throw new DatasetError('BAD_QUARTER', `"${text}" is not a quarter like 2025q2`);
  }
  const name = `${m[1]}q${m[2]}`;
  if (name < FIRST_QUARTER) {
    throw new DatasetError('BAD_QUARTER', `${name} is before ${FIRST_QUARTER}, the first data set`);
  }
  return { year: Number(m[1]), q: Number(m[2]) };
}

const name = (p: { year: number; q: number }) => `${p.year}q${p.q}`;

/** `2006q1..2025q3`, `2024q4,2025q1`, or a mix: quarters in order, without duplicates. */
export function parseQuarterList(spec: string): string[] {
  const out = new Set<string>();
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [from, to, extra] = part.split('..');
    if (extra !== undefined) {
      throw new DatasetError('BAD_QUARTER', `"${part}" is not a range like 2006q1..2025q3`);
    }
    const start = parseQuarter(from!);
    if (to === undefined) {
      out.add(name(start));
      continue;
    }
    const end = parseQuarter(to);
    if (name(end) < name(start)) {
      throw new DatasetError('BAD_QUARTER', `${part}: ${name(end)} is before ${name(start)}`);
    }
    for (
      let p = start;
      name(p) <= name(end);
      p = p.q === 4 ? { year: p.year + 1, q: 1 } : { ...p, q: p.q + 1 }
    ) {
      out.add(name(p));
    }
  }
  if (out.size === 0) {
    throw new DatasetError('BAD_QUARTER', 'no quarter given (e.g. 2025q2 or 2006q1..2025q3)');
  }
  return [...out].sort();
}

export function datasetFileName(quarter: string): string {
  return `${quarter}_form345.zip`;
}

export function datasetUrl(edgarBaseUrl: string, quarter: string): string {
  return `${edgarBaseUrl.replace(/\/$/, '')}${DATASET_PATH}/${datasetFileName(quarter)}`;
}
