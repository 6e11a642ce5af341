import { ConfigError, describeConfig, loadConfig, VARIABLES } from '../../../pipeline/src/config/config';
import type { VariableSpec } from '../../../pipeline/src/config/variables';
import type { Command } from '../command';

export const configCommand: Command = {
  name: 'config',
  summary: 'Print the effective configuration (secrets masked) and the table of variables',
  usesConfig: false,
  help: `Usage: sec-tracker config [--markdown]

Prints every environment variable sec-tracker reads, its effective value (secrets masked),
its default and what it is for. Exits 2 and names each bad variable when the environment is invalid.

  --markdown   print the table as Markdown (used for the README)`,
  run(args, ctx) {
    const markdown = args.includes('--markdown');
    let problems: string[] = [];
    let rows;
    try {
      rows = describeConfig(loadConfig());
    } catch (err) {
      if (!(err instanceof ConfigError)) {
        throw err;
      }
      problems = err.problems;
      rows = Object.values(VARIABLES as Record<string, VariableSpec<unknown>>).map((v) => ({
        name: v.name,
        value: '(invalid)',
        default: v.default ?? '(none)',
        help: v.help,
      }));
    }
    if (markdown) {
      ctx.stdout('| Variable | Default | Meaning |\n|---|---|---|');
      for (const r of rows) {
        ctx.stdout(`| \`${r.name}\` | \`${r.default}\` | ${r.help} |`);
      }
    } else {
      const w = Math.max(...rows.map((r) => r.name.length));
      const v = Math.min(48, Math.max(...rows.map((r) => r.value.length)));
      ctx.stdout(`${'VARIABLE'.padEnd(w)}  ${'VALUE'.padEnd(v)}  MEANING`);
      for (const r of rows) {
        ctx.stdout(`${r.name.padEnd(w)}  ${r.value.padEnd(v)}  ${r.help}`);
      }
    }
    for (const p of problems) {
      ctx.stderr(`invalid: ${p}`);
    }
    return Promise.resolve(problems.length > 0 ? 2 : 0);
  },
};
