/**
 * What an alert measures, as PromQL that returns series whenever the thing is measured at all,
 * firing or not: the expression split at its top-level `and`, `unless` and `or`, each part without
 * its trailing comparison against a constant, and `absent(x)` unwrapped to `x`. Relies on the
 * convention of ops/prometheus/alerts.yml (signal on the left, constant threshold on the right) and
 * throws when an expression breaks it, so a new alert cannot slip past the real-Prometheus test. Pure.
 */
const SET_OPERATORS = /^(and|unless|or)\b/;
const COMPARISONS = ['==', '!=', '>=', '<=', '>', '<'];
const VECTOR_MATCHING = /^(on|ignoring)\s*\([^)]*\)\s*((group_left|group_right)\s*(\([^)]*\))?\s*)?/;

/** Top-level positions of `expr` (outside brackets and strings), with the character there. */
function* topLevel(expr: string): Generator<number> {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i]!;
    if (quote) {
      if (c === '\\') {
        i++;
      } else if (c === quote) {
        quote = null;
      }
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      quote = c;
    } else if ('({['.includes(c)) {
      depth++;
    } else if (')}]'.includes(c)) {
      depth--;
    } else if (depth === 0) {
      yield i;
    }
  }
}

function splitSetOperators(expr: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (const i of topLevel(expr)) {
    const before = expr[i - 1];
    const match = SET_OPERATORS.exec(expr.slice(i));
    if (match && i >= start && (before === undefined || /\s|\)/.test(before))) {
      parts.push(expr.slice(start, i));
      start = i + match[0].length;
    }
  }
  parts.push(expr.slice(start));
  return parts.map((p) => p.trim().replace(VECTOR_MATCHING, '').trim());
}

function withoutThreshold(part: string): string {
  let cut: { at: number; op: string } | undefined;
  for (const i of topLevel(part)) {
    const op = COMPARISONS.find((o) => part.startsWith(o, i));
    // `=~`/`!~` only occur inside braces; a two-character operator is seen at its first character.
    if (op && !(cut && cut.at + cut.op.length > i)) {
      cut = { at: i, op };
    }
  }
  if (!cut) {
    return part;
  }
  const threshold = part.slice(cut.at + cut.op.length).trim();
  if (!/^[\d\s.*/+()-]+$/.test(threshold)) {
    throw new Error(`"${part}": the right side of ${cut.op} must be a constant threshold`);
  }
  return part.slice(0, cut.at).trim();
}

export function alertSignals(expr: string): string[] {
  return splitSetOperators(expr.replace(/\s+/g, ' ').trim()).map((part) => {
    const signal = withoutThreshold(part);
    const absent = /^absent\((.*)\)$/.exec(signal);
    return absent ? absent[1]!.trim() : signal;
  });
}
