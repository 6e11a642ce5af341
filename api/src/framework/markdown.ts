/**
 * The README's API reference, rendered from the OpenAPI document (itself generated from the route
 * declarations), so the README cannot describe a route or parameter the code does not have.
 */
import type { openApiDocument } from './openapi';

type Document = ReturnType<typeof openApiDocument>;

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: {
    type?: string;
    format?: string;
    minimum?: number;
    maximum?: number;
    enum?: unknown[];
    default?: unknown;
  };
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

function typeOf(p: Parameter): string {
  const s = p.schema ?? {};
  const base = s.format ?? s.type ?? 'string';
  const range = s.minimum !== undefined && s.maximum !== undefined ? ` ${s.minimum}–${s.maximum}` : '';
  return `${base}${range}`;
}

function parameterTable(parameters: Parameter[]): string {
  if (parameters.length === 0) {
    return 'No parameters.';
  }
  const rows = parameters.map((p) => {
    const d = p.schema?.default;
    const dflt = d === undefined ? (p.required ? 'required' : '') : `\`${JSON.stringify(d)}\``;
    return `| \`${p.name}\` | ${p.in} | ${typeOf(p)} | ${dflt} | ${cell(p.description ?? '')} |`;
  });
  return ['| Parameter | In | Type | Default | Meaning |', '|---|---|---|---|---|', ...rows].join('\n');
}

export function apiMarkdown(document: Document): string {
  const byTag = new Map<string, string[]>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const op = item.get;
    if (!op) {
      continue;
    }
    const tag = op.tags?.[0] ?? 'Other';
    const notFound = op.responses?.['404'] as { description?: string } | undefined;
    const section = [
      `#### \`GET ${path}\``,
      `${op.summary ?? ''}.`,
      op.description ?? '',
      parameterTable((op.parameters ?? []) as Parameter[]),
      notFound ? `404: ${notFound.description ?? ''}.` : '',
    ]
      .filter(Boolean)
      .join('\n\n');
    byTag.set(tag, [...(byTag.get(tag) ?? []), section]);
  }
  return [...byTag.entries()].map(([tag, sections]) => `### ${tag}\n\n${sections.join('\n\n')}`).join('\n\n');
}
