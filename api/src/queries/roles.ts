/**
 * Insider roles as clients ask for them. A filing states director / officer / 10% owner / other
 * boxes and a free-text officer title; CEO, CFO, COO and president are read from that title.
 */
export const ROLES = [
  'ceo',
  'cfo',
  'coo',
  'president',
  'director',
  'officer',
  'ten_percent_owner',
  'other',
] as const;
export type Role = (typeof ROLES)[number];

export interface OwnerRoles {
  isDirector: boolean;
  isOfficer: boolean;
  isTenPercentOwner: boolean;
  isOther: boolean;
  officerTitle: string | null;
}

const TITLE: Record<'ceo' | 'cfo' | 'coo' | 'president', RegExp> = {
  ceo: /chief\s+executive|\bceo\b/i,
  cfo: /chief\s+financial|\bcfo\b/i,
  coo: /chief\s+operating|\bcoo\b/i,
  // "Vice President" is not the president.
  president: /(^|[^a-z])president/i,
};

export function hasRole(owner: OwnerRoles, role: Role): boolean {
  switch (role) {
    case 'director':
      return owner.isDirector;
    case 'officer':
      return owner.isOfficer;
    case 'ten_percent_owner':
      return owner.isTenPercentOwner;
    case 'other':
      return owner.isOther;
    case 'president':
      return TITLE.president.test(owner.officerTitle ?? '') && !/vice/i.test(owner.officerTitle ?? '');
    default:
      return TITLE[role].test(owner.officerTitle ?? '');
  }
}

/** The roles one owner holds in one filing, in ROLES order. */
export function rolesOf(owner: OwnerRoles): Role[] {
  return ROLES.filter((r) => hasRole(owner, r));
}
