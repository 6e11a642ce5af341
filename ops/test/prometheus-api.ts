/** The few Prometheus HTTP API calls the real-Prometheus test makes (api/v1, JSON). */
import { waitFor } from '../../pipeline/test/integration/helpers';

interface ApiResponse<T> {
  status: 'success' | 'error';
  data: T;
  errorType?: string;
  error?: string;
}

async function get<T>(base: string, pathAndQuery: string): Promise<T> {
  const res = await fetch(base + pathAndQuery);
  const body = (await res.json()) as ApiResponse<T>;
  if (body.status !== 'success') {
    throw new Error(
      `${decodeURIComponent(pathAndQuery)}: ${body.errorType ?? res.status} ${body.error ?? ''}`,
    );
  }
  return body.data;
}

export interface Sample {
  labels: Record<string, string>;
  value: number;
}

/** An instant query at the current time; throws with Prometheus' message when it does not parse. */
export async function instantQuery(base: string, promql: string): Promise<Sample[]> {
  const data = await get<{
    resultType: string;
    result: { metric: Record<string, string>; value: [number, string] }[];
  }>(base, `/api/v1/query?query=${encodeURIComponent(promql)}`);
  if (data.resultType === 'scalar') {
    const [, v] = data.result as unknown as [number, string];
    return [{ labels: {}, value: Number(v) }];
  }
  return data.result.map((r) => ({ labels: r.metric, value: Number(r.value[1]) }));
}

export interface Target {
  job: string;
  instance: string;
  health: 'up' | 'down' | 'unknown';
  lastScrape: string;
  lastError: string;
}

export interface Rule {
  name: string;
  health: 'ok' | 'err' | 'unknown';
  lastError?: string;
}

export function prometheusApi(base: string) {
  const targets = async (): Promise<Target[]> => {
    const data = await get<{
      activeTargets: {
        labels: Record<string, string>;
        health: Target['health'];
        lastScrape: string;
        lastError: string;
      }[];
    }>(base, '/api/v1/targets?state=active');
    return data.activeTargets.map((t) => ({
      job: t.labels.job ?? '',
      instance: t.labels.instance ?? '',
      health: t.health,
      lastScrape: t.lastScrape,
      lastError: t.lastError,
    }));
  };
  const rules = async (): Promise<Rule[]> => {
    const data = await get<{ groups: { rules: Rule[] }[] }>(base, '/api/v1/rules');
    return data.groups.flatMap((g) =>
      g.rules.map((r) => ({ name: r.name, health: r.health, lastError: r.lastError })),
    );
  };
  return {
    targets,
    rules,
    async alertmanagers(): Promise<unknown[]> {
      return (await get<{ activeAlertmanagers: unknown[] }>(base, '/api/v1/alertmanagers'))
        .activeAlertmanagers;
    },
    /** Every target has answered a scrape and every rule has been evaluated at least once. */
    async settled(): Promise<boolean> {
      const [t, r] = await Promise.all([targets(), rules()]);
      return t.length > 0 && t.every((x) => x.health === 'up') && r.every((x) => x.health !== 'unknown');
    },
    /** Resolves once every target has been scraped `n` more times. */
    async nextScrapes(n: number): Promise<void> {
      for (let i = 0; i < n; i++) {
        const after = Date.now();
        await waitFor(`scrape ${i + 1} of ${n} of every target`, async () =>
          (await targets()).every((t) => Date.parse(t.lastScrape) > after) ? true : undefined,
        );
      }
    },
  };
}
