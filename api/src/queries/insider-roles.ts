/**
 * The insider roles a client filters by, as SQL conditions on a filing_owners row. Officer titles
 * are free text ("Chief Executive Officer", "CEO & President"), so the named offices match words
 * in the title; the four Form 4 checkboxes match their flags.
 */
export const INSIDER_ROLE_NAMES = [
  'ceo',
  'cfo',
  'coo',
  'president',
  'director',
  'officer',
  'ten_percent_owner',
  'other',
] as const;

export type InsiderRoleName = (typeof INSIDER_ROLE_NAMES)[number];

const CONDITIONS: Record<InsiderRoleName, (o: string) => string> = {
  ceo: (o) => `${o}.officer_title ~* '(chief\\s+executive|\\mceo\\M)'`,
  cfo: (o) => `${o}.officer_title ~* '(chief\\s+financial|\\mcfo\\M)'`,
  coo: (o) => `${o}.officer_title ~* '(chief\\s+operating|\\mcoo\\M)'`,
  // "Vice President" is not the president.
  president: (o) => `(${o}.officer_title ~* '(^|[^a-z])president' AND ${o}.officer_title !~* 'vice')`,
  director: (o) => `${o}.is_director`,
  officer: (o) => `${o}.is_officer`,
  ten_percent_owner: (o) => `${o}.is_ten_percent_owner`,
  other: (o) => `${o}.is_other`,
};

/** `(cond OR cond …)` over the filing_owners alias `o`: true when the owner holds any of the roles. */
export function anyRoleSql(roles: readonly InsiderRoleName[], alias = 'o'): string {
  return `(${roles.map((r) => CONDITIONS[r](alias)).join(' OR ')})`;
}
