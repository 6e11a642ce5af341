/**
 * Distinct insiders. The owners of one trade (a joint filing's owners, or the entities of an
 * ownership chain whose copies merged) act as one insider: a fund, its general partner and its
 * manager buying once are one buyer, not three. So insiders are the connected groups of owners
 * that share a trade, found with a small union-find.
 */

export function insiderGroups(ownerSets: Iterable<readonly string[]>): string[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) {
      root = parent.get(root)!;
    }
    // Path compression: point every visited owner at the root.
    for (let cur = x; cur !== root;) {
      const next = parent.get(cur)!;
      parent.set(cur, root);
      cur = next;
    }
    return root;
  };
  for (const owners of ownerSets) {
    for (const cik of owners) {
      if (!parent.has(cik)) {
        parent.set(cik, cik);
      }
    }
    const [first, ...rest] = owners;
    if (first === undefined) {
      continue;
    }
    for (const cik of rest) {
      const a = find(first);
      const b = find(cik);
      if (a !== b) {
        parent.set(b < a ? a : b, b < a ? b : a);
      }
    }
  }
  const groups = new Map<string, string[]>();
  for (const cik of parent.keys()) {
    const root = find(cik);
    groups.set(root, [...(groups.get(root) ?? []), cik]);
  }
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));
}

export function countInsiders(ownerSets: Iterable<readonly string[]>): number {
  return insiderGroups(ownerSets).length;
}
