import { parseCommandArgs } from '../args';
import type { Command } from '../command';

const TIMEOUT_MS = 3000;

export const healthCommand: Command = {
  name: 'health',
  summary: "Exit 0 when this host's stage or API answers its liveness probe (the image's HEALTHCHECK)",
  help: `Usage: sec-tracker health [--api]

Asks the process running next to it whether it is alive: GET /healthz on
127.0.0.1:<METRICS_PORT> (a pipeline stage started with \`sec-tracker run\`), or with --api on
127.0.0.1:<API_PORT> (\`sec-tracker api\`). Exits 0 when it answers 200 within 3 seconds, 1 otherwise.
The container image runs it as its HEALTHCHECK; docker-compose.yml adds --api for the API.`,
  async run(args, ctx) {
    const { values } = parseCommandArgs(args, { api: { type: 'boolean' } });
    const config = ctx.config();
    const port = values.api ? config.apiPort : config.metricsPort;
    const url = `http://127.0.0.1:${port}/healthz`;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      if (res.ok) {
        return 0;
      }
      ctx.stderr(`${url} answered ${res.status}`);
    } catch (err) {
      ctx.stderr(`${url}: ${err instanceof Error ? err.message : String(err)}`);
    }
    return 1;
  },
};
