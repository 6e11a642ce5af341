/**
 * One table of a data set, read line by line: the header is checked against what we know
 * (tables.ts), and each data line is kept as text, grouped by accession number, until the join
 * asks for it. Keeping lines unsplit holds a quarter in about the size of its text.
 */
import { DatasetError } from './dataset-error';
import { COLUMN_ALIASES, REQUIRED_COLUMNS, TABLE_COLUMNS } from './tables';
import type { DatasetTable } from './tables';

export interface TableLines {
  table: DatasetTable;
  /** Canonical column name → field index in a line. */
  columns: ReadonlyMap<string, number>;
  /** Accession number → its data lines, in file order. */
  byAccession: Map<string, string[]>;
  lineCount: number;
}

/** The value of a column in a split line; '' when the column is absent from this quarter. */
export function field(t: Pick<TableLines, 'columns'>, fields: readonly string[], column: string): string {
  const i = t.columns.get(column);
  return i === undefined ? '' : (fields[i] ?? '').trim();
}

export function readHeader(table: DatasetTable, header: string): Map<string, number> {
  const known = new Set(TABLE_COLUMNS[table]);
  const columns = new Map<string, number>();
  header
    .replace(/^\uFEFF/, '')
    .split('\t')
    .forEach((raw, i) => {
      const name = raw.trim().toUpperCase();
      const canonical = COLUMN_ALIASES[name] ?? name;
      if (!known.has(canonical)) {
        throw new DatasetError(
          'UNKNOWN_COLUMN',
          `${table}: unknown column "${raw.trim()}" (column ${i + 1}); known columns: ${[...known].join(', ')}`,
        );
      }
      columns.set(canonical, i);
    });
  const missing = REQUIRED_COLUMNS[table].filter((c) => !columns.has(c));
  if (missing.length > 0) {
    throw new DatasetError('MISSING_COLUMN', `${table}: required column(s) ${missing.join(', ')} missing`);
  }
  return columns;
}

/** Feeds lines of one table (header first); `finish()` returns what was read. */
export function tableLineCollector(table: DatasetTable) {
  let columns: Map<string, number> | null = null;
  let accessionIndex = 0;
  const byAccession = new Map<string, string[]>();
  let lineCount = 0;
  return {
    line(text: string): void {
      const line = text.endsWith('\r') ? text.slice(0, -1) : text;
      if (columns === null) {
        columns = readHeader(table, line);
        accessionIndex = columns.get('ACCESSION_NUMBER')!;
        return;
      }
      if (line.trim() === '') {
        return;
      }
      const accession = nthField(line, accessionIndex).trim();
      const list = byAccession.get(accession);
      if (list === undefined) {
        byAccession.set(accession, [line]);
      } else {
        list.push(line);
      }
      lineCount++;
    },
    finish(): TableLines {
      if (columns === null) {
        throw new DatasetError('MISSING_COLUMN', `${table}: the table is empty (no header line)`);
      }
      return { table, columns, byAccession, lineCount };
    },
  };
}

function nthField(line: string, n: number): string {
  let start = 0;
  for (let i = 0; i < n; i++) {
    const tab = line.indexOf('\t', start);
    if (tab < 0) {
      return '';
    }
    start = tab + 1;
  }
  const end = line.indexOf('\t', start);
  return end < 0 ? line.slice(start) : line.slice(start, end);
}
