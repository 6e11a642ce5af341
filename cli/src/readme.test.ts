import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VARIABLES } from '../../pipeline/src/config/config';
import { REPO_ROOT } from '../../pipeline/src/paths';
import { COMMANDS } from './commands';
import { cliReference, configTable, replaceSection } from './readme-sections';

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

  it('is what `npm run docs` generates (run it after changing a variable or a --help text)', () => {
    const squash = (t: string) =>
      t
        .replace(/[ \t]*\|[ \t]*/g, '|')
        .replace(/[ \t]+/g, ' ')
        .replace(/-{3,}/g, '---');
    const regenerated = replaceSection(
      replaceSection(readme, 'config', configTable()),
      'cli',
      cliReference(),
    );
    expect(squash(readme)).toEqual(squash(regenerated));
  });
});
