/**
 * The amendment rule (corrections.ts) on the shapes amendments take on EDGAR, each written as
 * ownership XML and read by the real parser, then carried as the parser's Avro records.
 */
import { toFilingRecord, toRowRecords } from '../parser/to-avro';
import { amendmentLinks, applyCorrections } from './corrections';
import { amendmentFacts, JANE, JOHN, parseShapeFiling, SHAPES } from './fixtures/amendment-shapes';
import { filingChange, rowChange } from './from-records';
import type { FilingContext, TradeRow } from './model';

function shape(name: string) {
  const found = SHAPES.find((s) => s.name.startsWith(name));
  if (!found) {
    throw new Error(`no shape ${name}`);
  }
  const filings = found.filings.map(parseShapeFiling);
  const rows: TradeRow[] = [];
  const contexts = new Map<string, FilingContext>();
  for (const f of filings) {
    for (const record of toRowRecords(f)) {
      const change = rowChange(record);
      if (change.keep) {
        rows.push(change.row);
      }
    }
    const { context } = filingChange(toFilingRecord(f));
    contexts.set(context.accessionNumber, context);
  }
  // Rows arrive in any order; the rule orders filings itself.
  const effective = applyCorrections([...rows].reverse(), contexts);
  const links = amendmentLinks(filings.map(amendmentFacts)).map((l) => [
    l.amendmentAccession.slice(-2),
    l.originalAccession.slice(-2),
  ]);
  const view = effective.map((r) => [
    r.accessionNumber.slice(-2),
    r.transactionDate,
    r.shares,
    r.pricePerShare,
  ]);
  return { effective, links, view };
}

describe('how amendments are applied, on the shapes EDGAR has', () => {
  it('full restatement: every row is replaced by its corrected copy, none is doubled', () => {
    const { view, links } = shape('full restatement');
    expect(links).toEqual([['02', '01']]);
    expect(view).toEqual([
      ['02', '2026-03-02', '1000', '10.05'],
      ['02', '2026-03-03', '500', '11.10'],
    ]);
  });

  it('single-row correction: the stated row is replaced in place, the others stay', () => {
    const { view } = shape('single-row correction');
    expect(view).toEqual([
      ['11', '2026-03-02', '100', '10'],
      ['12', '2026-03-03', '250', '10.5'],
      ['11', '2026-03-04', '300', '11'],
    ]);
  });

  it('added row: a row matching nothing is added, the original row stays', () => {
    const { view } = shape('added row');
    expect(view).toEqual([
      ['21', '2026-03-02', '100', '10'],
      ['22', '2026-03-05', '40', '10.2'],
    ]);
  });

  it('added reporting owner: the joint 4/A replaces the row, which now names both owners', () => {
    const { effective, links } = shape('added reporting owner');
    expect(links).toEqual([['32', '31']]);
    expect(effective.map((r) => [r.accessionNumber.slice(-2), r.ownerCiks])).toEqual([
      ['32', [JANE.cik, JOHN.cik]],
    ]);
  });

  it('4/A of a 4/A: the second amendment corrects the first and the original, in filing order', () => {
    const { view, links } = shape('4/A of a 4/A');
    expect(links).toEqual([
      ['42', '41'],
      ['43', '41'],
      ['43', '42'],
    ]);
    expect(view).toEqual([
      ['43', '2026-03-02', '120', '10'],
      ['43', '2026-03-03', '130', '10'],
    ]);
  });

  it('named original: dateOfOriginalSubmission leaves the other Form 4 of the period alone', () => {
    const { view, links } = shape('named original');
    expect(links).toEqual([['53', '51']]);
    expect(view).toEqual([
      ['53', '2026-03-02', '90', '10'],
      ['52', '2026-03-02', '100', '10'],
    ]);
  });
});
