import type { Role } from './roles';

/**
 * The insider roles a client filters by (queries/roles.ts), as SQL conditions on a filing_owners
 * row, so a filter runs in Postgres with the same meaning hasRole() gives them in TypeScript:
 * the four Form 4 checkboxes match their flags; the named offices match words in the free-text
 * officer title ("Chief Executive Officer", "CEO & President").
 */
export type InsiderRoleName = Role;

const CONDITIONS: Record<Role, (o: string) => string> = {
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
export function anyRoleSql(roles: readonly Role[], alias = 'o'): string {
  return `(${roles.map((r) => CONDITIONS[r](alias)).join(' OR ')})`;
}
