import { createKeyStore } from '../../../api/src/keys/key-store';
import type { ApiKeyRecord } from '../../../api/src/keys/key-store';
import { createPool } from '../../../pipeline/src/shared/db/pool';
import { UsageError } from '../../../pipeline/src/shared/errors';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';

const SCOPES = ['read'];

function row(k: ApiKeyRecord): string {
  return [
    k.id,
    k.name,
    k.scopes.join(','),
    k.ratePerMinute === undefined ? 'default' : `${k.ratePerMinute}/min`,
    k.createdAt.toISOString(),
    k.lastUsedAt?.toISOString() ?? 'never',
    k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active',
  ].join('\t');
}

function positiveInt(raw: string, what: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 10_000_000) {
    throw new UsageError(`${what} must be an integer 1..10000000, got "${raw}"`);
  }
  return Number(raw);
}

export const keysCommand: Command = {
  name: 'keys',
  summary: 'Issue, list and revoke API keys (stored hashed in Postgres)',
  help: `Usage: sec-tracker keys create --name NAME [--rate PER_MINUTE]
       sec-tracker keys list
       sec-tracker keys revoke ID

create   Prints a new key once: only its SHA-256 is stored, it cannot be shown again. --rate
         overrides API_RATE_LIMIT for this key. Once any key exists, the API requires one
         (API_AUTH=auto).
list     Every key: id, name, scopes, rate, created, last used, revoked.
revoke   Refuses the key from now on (every replica within API_MAX_STALE_SECONDS).`,
  async run(args, ctx) {
    const [action, ...rest] = args;
    const pool = createPool(ctx.config(), ctx.logger(), 1);
    const store = createKeyStore(pool);
    try {
      if (action === 'create') {
        const { values } = parseCommandArgs(rest, { name: { type: 'string' }, rate: { type: 'string' } });
        const name = values.name?.trim();
        if (!name) {
          throw new UsageError('keys create needs --name NAME');
        }
        const ratePerMinute = values.rate === undefined ? undefined : positiveInt(values.rate, '--rate');
        const { key, record } = await store.create({ name, ratePerMinute, scopes: SCOPES });
        ctx.stdout(
          `Created API key ${record.id} "${record.name}". It is shown only now; send it as X-API-Key:`,
        );
        ctx.stdout(key);
        return 0;
      }
      if (action === 'list') {
        parseCommandArgs(rest, {});
        ctx.stdout(['id', 'name', 'scopes', 'rate', 'created', 'last used', 'state'].join('\t'));
        for (const k of await store.list()) {
          ctx.stdout(row(k));
        }
        return 0;
      }
      if (action === 'revoke') {
        const { positionals } = parseCommandArgs(rest, {}, true);
        if (positionals.length !== 1) {
          throw new UsageError('keys revoke needs exactly one key id (see keys list)');
        }
        const id = String(positiveInt(positionals[0]!, 'ID'));
        if (!(await store.revoke(id))) {
          ctx.stderr(`no API key with id ${id}`);
          return 1;
        }
        ctx.stdout(`Revoked API key ${id}.`);
        return 0;
      }
      throw new UsageError(`keys needs create, list or revoke; got "${action ?? ''}"`);
    } finally {
      await pool.end();
    }
  },
};
