/**
 * `npm run docs`: rewrites the README's configuration table, CLI reference and API reference from
 * the code (the VARIABLES table, each command's --help, the routes' OpenAPI declarations), between
 * their marker comments.
 * readme.test.ts fails when they drift.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { API_INFO } from '../../api/src/docs';
import { apiMarkdown } from '../../api/src/framework/markdown';
import { openApiDocument } from '../../api/src/framework/openapi';
import { API_ROUTES } from '../../api/src/routes';
import { VARIABLES } from '../../pipeline/src/config/config';
import type { VariableSpec } from '../../pipeline/src/config/variables';
import { REPO_ROOT } from '../../pipeline/src/paths';
import { COMMANDS } from './commands';

export function configTable(): string {
  const rows = Object.values(VARIABLES as Record<string, VariableSpec<unknown>>).map(
    (v) =>
      `| \`${v.name}\` | ${v.default === undefined ? '(unset)' : `\`${v.default}\``} | ${v.help.replace(/\|/g, '\\|')} |`,
  );
  return ['| Variable | Default | Meaning |', '|---|---|---|', ...rows].join('\n');
}

export function cliReference(): string {
  return COMMANDS.map(
    (c) => `### \`sec-tracker ${c.name}\`\n\n${c.summary}.\n\n\`\`\`text\n${c.help.trimEnd()}\n\`\`\``,
  ).join('\n\n');
}

/** Every API route with its parameters, from the same declarations as validation and /openapi.json. */
export function apiReference(): string {
  return apiMarkdown(openApiDocument(API_ROUTES, API_INFO));
}

export function replaceSection(text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) {
    throw new Error(`README has no ${start} … ${end} section`);
  }
  return `${text.slice(0, i + start.length)}\n\n${body}\n\n${text.slice(j)}`;
}

if (require.main === module) {
  const file = path.join(REPO_ROOT, 'README.md');
  let text = readFileSync(file, 'utf8');
  text = replaceSection(text, 'config', configTable());
  text = replaceSection(text, 'cli', cliReference());
  text = replaceSection(text, 'api', apiReference());
  writeFileSync(file, text);
}
