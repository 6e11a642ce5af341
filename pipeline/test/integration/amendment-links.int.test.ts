/**
 * The SQL view amendment_links is rule 1 of the amendment rule (aggregator/corrections.ts) in SQL:
 * on every amendment shape, loaded as the loader stores filings, both give the same links.
 */
import pg from 'pg';
import { amendmentLinks } from '../../src/stages/aggregator/corrections';
import {
  amendmentFacts,
  parseShapeFiling,
  SHAPES,
} from '../../src/stages/aggregator/fixtures/amendment-shapes';
import { createTestDatabase } from './helpers';

describe('amendment_links', () => {
  it('links exactly what the aggregator corrects, shape by shape', async () => {
    const db = await createTestDatabase('amendment_links');
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const facts = SHAPES.flatMap((s) => s.filings.map(parseShapeFiling)).map(amendmentFacts);
      for (const f of facts) {
        await client.query(
          `INSERT INTO filings (accession_number, document_type, issuer_cik, period_of_report, owner_ciks,
                                filed_date, accepted_at, date_of_original_submission)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            f.accessionNumber,
            f.documentType,
            f.issuerCik,
            f.periodOfReport,
            f.ownerCiks,
            f.filedDate,
            f.acceptedAt,
            f.dateOfOriginalSubmission,
          ],
        );
      }
      const { rows } = await client.query<{ amendment_accession: string; original_accession: string }>(
        'SELECT amendment_accession, original_accession FROM amendment_links ORDER BY 1, 2',
      );
      const fromView = rows.map((r) => `${r.amendment_accession} -> ${r.original_accession}`);
      const fromRule = amendmentLinks(facts)
        .map((l) => `${l.amendmentAccession} -> ${l.originalAccession}`)
        .sort();
      expect(fromView).toEqual(fromRule);
      // Every shape has at least one link, and the 4/A of a 4/A links to both earlier filings.
      expect(fromRule).toHaveLength(8);
      expect(fromRule).toEqual(
        expect.arrayContaining([
          '0009991101-26-000043 -> 0009991101-26-000041',
          '0009991101-26-000043 -> 0009991101-26-000042',
        ]),
      );
    } finally {
      await client.end();
      await db.drop();
    }
  });
});
