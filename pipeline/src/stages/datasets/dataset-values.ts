/**
 * The data sets' spellings of values → the model's. Dates are DD-MON-YYYY (`04-NOV-2024`);
 * numbers are Oracle NUMBERs written with at least one decimal (`782088.0`) and rounded to 2
 * decimals; booleans are 0/1. A value that cannot be read fails the filing with INVALID_VALUE,
 * like the XML parser, so it is dead-lettered rather than guessed.
 */
import { fail } from '../parser/errors';
import { readDecimal } from '../parser/decimal';
import { clip, toIsoDate } from '../parser/values';

const MONTHS: Readonly<Record<string, string>> = {
  JAN: '01',
  FEB: '02',
  MAR: '03',
  APR: '04',
  MAY: '05',
  JUN: '06',
  JUL: '07',
  AUG: '08',
  SEP: '09',
  OCT: '10',
  NOV: '11',
  DEC: '12',
};

/** `04-NOV-2024` → `2024-11-04`; '' → null. ISO dates are accepted too. */
export function datasetDate(raw: string, field: string): string | null {
  if (raw === '') {
    return null;
  }
  const m = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(raw);
  const month = m ? MONTHS[m[2]!.toUpperCase()] : undefined;
  if (!m || month === undefined) {
    return toIsoDate(raw, field);
  }
  return toIsoDate(`${m[3]}-${month}-${m[1]!.padStart(2, '0')}`, field);
}

/**
 * `782088.0` → `782088`, `28.590` → `28.59`: trailing zeros of an Oracle NUMBER are formatting,
 * not precision (the SEC rounds to 2 decimals whatever was filed). '' → null.
 */
export function datasetDecimal(raw: string, field: string): string | null {
  if (raw === '') {
    return null;
  }
  const d = readDecimal(raw);
  if (d === null) {
    return fail('INVALID_VALUE', `${field}: "${clip(raw)}" is not a decimal number`);
  }
  return d.includes('.') ? d.replace(/0+$/, '').replace(/\.$/, '') : d;
}

export function textOrNull(raw: string): string | null {
  return raw === '' ? null : raw;
}

/** `F1`, `F5, F2`, `F1,F3` → ids in the order written, without duplicates. */
export function footnoteIdList(raw: string): string[] {
  return [
    ...new Set(
      raw
        .split(/[,\s]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}
