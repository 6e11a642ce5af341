import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VARIABLES } from '../../pipeline/src/config/config';
import { REPO_ROOT } from '../../pipeline/src/paths';
import { COMMANDS } from './commands';
import { apiReference, cliReference, configTable, replaceSection } from './readme-sections';
import { API_ROUTES } from '../../api/src/routes';
import { openApiPath } from '../../api/src/framework/openapi';

/** The README's configuration table and CLI reference stay true to the code. */
describe('README', () => {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

  it('documents every environment variable', () => {
    const missing = Object.values(VARIABLES)
      .map((v) => v.name)
      .filter((name) => !new RegExp(`\\| \`${name}\`\\s+\\|`).test(readme));
    expect(missing).toEqual([]);
  });

  it('documents every command', () => {
    const missing = COMMANDS.map((c) => c.name).filter(
      (name) => !readme.includes(`### \`sec-tracker ${name}\``),
    );
    expect(missing).toEqual([]);
  });

  it('documents every API route', () => {
    const missing = API_ROUTES.map((r) => openApiPath(r.spec.path)).filter(
      (p) => !readme.includes(`#### \`GET ${p}\``),
    );
    expect(missing).toEqual([]);
  });

  it('is what `npm run docs` generates (run it after changing a variable, a --help text or an API route)', () => {
    const squash = (t: string) =>
      t
        .replace(/[ \t]*\|[ \t]*/g, '|')
        .replace(/[ \t]+/g, ' ')
        .replace(/-{3,}/g, '---');
    const regenerated = replaceSection(
      replaceSection(replaceSection(readme, 'config', configTable()), 'cli', cliReference()),
      'api',
      apiReference(),
    );
    expect(squash(readme)).toEqual(squash(regenerated));
  });
});
