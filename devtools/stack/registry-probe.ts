/**
 * Healthy means the Confluent-compatible API answers: GET <SCHEMA_REGISTRY_URL>/subjects → 200.
 * Resolves with the registry version when /apis/registry/v3/system/info says it (Apicurio only).
 */
export async function probeRegistry(registryUrl: string, timeoutMs = 3_000): Promise<{ version?: string }> {
  const subjects = await fetch(`${registryUrl}/subjects`, { signal: AbortSignal.timeout(timeoutMs) }).catch(
    (err: Error & { cause?: { code?: string; message?: string } }) => {
      // fetch says only "fetch failed"; the cause says why (ECONNREFUSED, a timeout…).
      throw new Error(`GET ${registryUrl}/subjects: ${err.cause?.code ?? err.cause?.message ?? err.message}`);
    },
  );
  await subjects.body?.cancel();
  if (subjects.status !== 200) {
    throw new Error(`GET ${registryUrl}/subjects answered ${subjects.status}`);
  }
  try {
    const info = await fetch(new URL('/apis/registry/v3/system/info', registryUrl), {
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await info.json()) as { version?: unknown };
    return typeof body.version === 'string' ? { version: body.version } : {};
  } catch {
    return {};
  }
}
