/**
 * One role rule, written twice on purpose: hasRole() (queries/roles.ts) labels owners in responses,
 * anyRoleSql() (queries/insider-roles.ts) filters in Postgres (screener, clusters). Both must say
 * the same of every owner, or a filter would drop rows a response labels with that role. Each
 * owner below is asked of every role, in TypeScript and in real Postgres.
 */
import pg from 'pg';
import { anyRoleSql } from '../src/queries/insider-roles';
import { hasRole, ROLES } from '../src/queries/roles';
import type { OwnerRoles } from '../src/queries/roles';
import { testConfig } from '../../pipeline/test/integration/helpers';

const officer = (officerTitle: string | null): OwnerRoles => ({
  isDirector: false,
  isOfficer: true,
  isTenPercentOwner: false,
  isOther: false,
  officerTitle,
});

const OWNERS: OwnerRoles[] = [
  ...[
    'Chief Executive Officer',
    'CEO & President',
    'President and CEO',
    'Co-CEO',
    'CEOs Office Manager',
    'Chief  Financial   Officer',
    'EVP, CFO',
    'Interim CFO and Treasurer',
    'Chief Operating Officer',
    'COO',
    'Vice President, Sales',
    'Senior Vice President',
    'President',
    'President, Americas',
    'Executive Chairman',
    'Chief Accounting Officer',
    'cfo',
    'Pres.',
    '',
  ].map(officer),
  officer(null),
  { isDirector: true, isOfficer: false, isTenPercentOwner: false, isOther: false, officerTitle: null },
  { isDirector: false, isOfficer: false, isTenPercentOwner: true, isOther: true, officerTitle: null },
  { isDirector: true, isOfficer: true, isTenPercentOwner: true, isOther: false, officerTitle: 'CEO' },
];

describe('insider roles: the TypeScript rule and the SQL filter agree', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: testConfig().databaseUrl });
    await client.connect();
  });
  afterAll(() => client?.end());

  it.each(ROLES)('role %s', async (role) => {
    const { rows } = await client.query<{ n: number; holds: boolean }>(
      `SELECT n, coalesce(${anyRoleSql([role])}, false) AS holds
         FROM jsonb_to_recordset($1::jsonb)
              AS o(n int, is_director boolean, is_officer boolean, is_ten_percent_owner boolean,
                   is_other boolean, officer_title text)
        ORDER BY n`,
      [
        JSON.stringify(
          OWNERS.map((w, n) => ({
            n,
            is_director: w.isDirector,
            is_officer: w.isOfficer,
            is_ten_percent_owner: w.isTenPercentOwner,
            is_other: w.isOther,
            officer_title: w.officerTitle,
          })),
        ),
      ],
    );
    const inSql = rows.map((r) => `${OWNERS[r.n]!.officerTitle ?? '(no title)'}: ${r.holds}`);
    const inTs = OWNERS.map((w) => `${w.officerTitle ?? '(no title)'}: ${hasRole(w, role)}`);
    expect(inSql).toEqual(inTs);
    // Not vacuous: every role is held by someone in the list and missed by someone else.
    expect(new Set(rows.map((r) => r.holds))).toEqual(new Set([true, false]));
  });
});
