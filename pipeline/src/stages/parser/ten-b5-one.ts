/**
 * Whether a transaction was made under a Rule 10b5-1 trading plan, and which part of the filing
 * said so. Since April 2023 (schema X0407+) the form has a checkbox, aff10b5One, which decides for
 * every transaction of the filing. Before that, filers disclosed plans in a footnote on the row
 * or in the remarks; a row's own footnotes win over the filing-wide remarks. Holdings are never
 * trades, so they get null. No checkbox and no mention also gives null: "not disclosed" is not
 * the same as "not under a plan".
 */
import type { FiledRow, TenB5OneSource } from './model';

export interface TenB5OneDecision {
  is10b5One: boolean | null;
  tenB5OneSource: TenB5OneSource | null;
}

// "10b5-1", "10b-5-1", "10B5 - 1", "10b5‑1" (non-breaking hyphen), "10b5–1" (en dash).
const MENTION = /10\s*b\s*-?\s*5\s*[-‐‑–—]\s*1/i;
const NEGATION = /\b(?:not|never|no longer)\b|n't\b/i;

/** true: states a 10b5-1 plan; false: states the opposite; null: does not mention one. */
export function statesTenB5One(text: string): boolean | null {
  const m = MENTION.exec(text);
  if (!m) {
    return null;
  }
  const sentenceStart = Math.max(text.lastIndexOf('. ', m.index) + 1, 0);
  return !NEGATION.test(text.slice(sentenceStart, m.index));
}

export function decideTenB5One(
  row: Pick<FiledRow, 'rowType' | 'footnoteIds'>,
  aff10b5One: boolean | null,
  footnoteText: ReadonlyMap<string, string>,
  remarks: string | null,
): TenB5OneDecision {
  if (row.rowType === 'holding') {
    return { is10b5One: null, tenB5OneSource: null };
  }
  if (aff10b5One !== null) {
    return { is10b5One: aff10b5One, tenB5OneSource: 'checkbox' };
  }
  let negative = false;
  for (const ids of Object.values(row.footnoteIds)) {
    for (const id of ids) {
      const said = statesTenB5One(footnoteText.get(id) ?? '');
      if (said === true) {
        return { is10b5One: true, tenB5OneSource: 'footnote' };
      }
      if (said === false) {
        negative = true;
      }
    }
  }
  if (negative) {
    return { is10b5One: false, tenB5OneSource: 'footnote' };
  }
  const inRemarks = remarks === null ? null : statesTenB5One(remarks);
  if (inRemarks !== null) {
    return { is10b5One: inRemarks, tenB5OneSource: 'remarks' };
  }
  return { is10b5One: null, tenB5OneSource: null };
}
