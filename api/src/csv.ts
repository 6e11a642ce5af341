/**
 * CSV (RFC 4180) for API exports. A field is quoted when it holds a comma, quote or line break;
 * text that a spreadsheet would run as a formula (=, +, -, @ first, and not a number) gets a
 * leading apostrophe, since the values come from filers, not from us.
 */
export type CsvValue = string | number | boolean | null | undefined;

const NUMBER = /^-?\d+(\.\d+)?$/;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) {
    return '';
  }
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s) && !NUMBER.test(s)) {
    s = `'${s}`;
  }
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
