/**
 * Which form types the crawler keeps. CRAWL_FORMS lists base forms ("3,4,5"); each also covers its
 * amendment ("4/A"). Matching is exact on purpose: EDGAR's own type filter is a prefix match, so
 * the feed for type=4 also carries 424B2, 425, 485BPOS, 497… which are not ownership filings.
 */
export function isWantedForm(formType: string, forms: readonly string[]): boolean {
  const t = formType.trim().toUpperCase();
  return forms.some((f) => {
    const base = f.trim().toUpperCase();
    return t === base || t === `${base}/A`;
  });
}

/** The distinct `type=` values to poll: a base form's prefix query already returns its amendments. */
export function feedTypes(forms: readonly string[]): string[] {
  const bases = [...new Set(forms.map((f) => f.trim().toUpperCase().replace(/\/A$/, '')))].filter(
    (f) => f !== '',
  );
  // A base that is a prefix of another (e.g. "4" and "40-F") makes the longer one redundant.
  return bases.filter((b) => !bases.some((other) => other !== b && b.startsWith(other)));
}

/** `--forms 3,4,5` from the command line, checked. */
export function parseFormsOption(text: string): string[] {
  const forms = text
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter((s) => s !== '');
  if (forms.length === 0) {
    throw new Error('--forms needs at least one form type, e.g. 3,4,5');
  }
  for (const f of forms) {
    if (!/^[A-Z0-9-]+(\/A)?$/.test(f)) {
      throw new Error(`--forms: "${f}" is not a form type`);
    }
  }
  return forms;
}
