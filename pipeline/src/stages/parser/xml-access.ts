/**
 * Reading fields of an ownership document. The schemas (X0101 … X0609) write most fields as
 * `<field><value>x</value><footnoteId id="F1"/></field>`, but older documents and some fields
 * (transactionCode, booleans) write `<field>x</field>`; `fieldText` accepts both.
 */
import type { XmlElement } from './xml-reader';

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  if (el === undefined) {
    return undefined;
  }
  for (const c of el.children) {
    if (c.name === name) {
      return c;
    }
  }
  return undefined;
}

export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
  return el === undefined ? [] : el.children.filter((c) => c.name === name);
}

/** Own text, trimmed; null when absent or empty. */
export function ownText(el: XmlElement | undefined): string | null {
  if (el === undefined) {
    return null;
  }
  const t = el.text.trim();
  return t === '' ? null : t;
}

/** The `<value>` child's text if there is one, else the element's own text; null when empty. */
export function fieldText(el: XmlElement | undefined): string | null {
  if (el === undefined) {
    return null;
  }
  const value = child(el, 'value');
  return ownText(value ?? el);
}

/** Text of a named child read with fieldText. */
export function childField(el: XmlElement | undefined, name: string): string | null {
  return fieldText(child(el, name));
}

/**
 * Footnote ids under `el`, keyed by the element that carries the `<footnoteId>` (a footnote inside
 * `<value>` counts for the field around it). Document order, duplicates dropped.
 */
export function footnoteIdsUnder(el: XmlElement): Record<string, string[]> {
  const out = new Map<string, string[]>();
  collect(el, el.name, out);
  // fromEntries defines own properties, so an element named "__proto__" cannot reach the prototype.
  return Object.fromEntries(out);
}

function collect(el: XmlElement, owner: string, out: Map<string, string[]>): void {
  for (const c of el.children) {
    if (c.name === 'footnoteId') {
      const id = c.attrs?.get('id')?.trim();
      if (!id) {
        continue;
      }
      const list = out.get(owner);
      if (list === undefined) {
        out.set(owner, [id]);
      } else if (!list.includes(id)) {
        list.push(id);
      }
    } else if (c.children.length > 0) {
      collect(c, c.name === 'value' ? owner : c.name, out);
    }
  }
}
