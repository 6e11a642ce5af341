import { SMALL_JVM } from './jvm-flags';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Where the local registry listens, or why the stack leaves the registry alone. */
export type RegistryPlan =
  | {
      readonly managed: true;
      readonly url: string;
      readonly port: number;
      readonly managementPort: number;
    }
  | { readonly managed: false; readonly url: string; readonly reason: string };

/**
 * The port comes from SCHEMA_REGISTRY_URL. Quarkus also opens a management interface (health,
 * metrics), by default on 0.0.0.0:9000; it is bound to loopback on REGISTRY_MANAGEMENT_PORT, else
 * registry port + 1000, so two stacks on different ports never collide on it.
 */
export function planRegistry(registryUrl: string, managementPort: number | undefined): RegistryPlan {
  const url = new URL(registryUrl);
  if (!LOOPBACK.has(url.hostname)) {
    return {
      managed: false,
      url: registryUrl,
      reason: `SCHEMA_REGISTRY_URL names ${url.hostname}, not a loopback address`,
    };
  }
  if (url.protocol !== 'http:') {
    return {
      managed: false,
      url: registryUrl,
      reason: 'SCHEMA_REGISTRY_URL is https; the local registry speaks http',
    };
  }
  const port = url.port === '' ? 80 : Number(url.port);
  const derived = port + 1000 <= 65535 ? port + 1000 : port - 1000;
  return { managed: true, url: registryUrl, port, managementPort: managementPort ?? derived };
}

export interface RegistryDatasource {
  readonly jdbcUrl: string;
  readonly username: string;
  readonly password: string;
}

/** The registry keeps its schemas on the same server as DATABASE_URL, in its own database. */
export function registryDatasource(databaseUrl: string, database: string): RegistryDatasource {
  const url = new URL(databaseUrl);
  const host = url.hostname === '' ? '127.0.0.1' : url.hostname;
  const port = url.port === '' ? '5432' : url.port;
  return {
    jdbcUrl: `jdbc:postgresql://${host}:${port}/${encodeURIComponent(database)}`,
    username: decodeURIComponent(url.username) || 'postgres',
    password: decodeURIComponent(url.password),
  };
}

/**
 * `java … -jar quarkus-run.jar` flags. The password goes in the environment (see registryEnv),
 * not here, because a command line is readable by every local user through ps.
 */
export function registryJvmArgs(p: {
  heap: string;
  port: number;
  managementPort: number;
  datasource: RegistryDatasource;
  dataDir: string;
  home: string;
  marker: string;
}): string[] {
  return [
    ...SMALL_JVM,
    `-Xmx${p.heap}`,
    p.marker,
    `-Djava.io.tmpdir=${p.dataDir}/tmp`,
    `-Dvertx.cacheDirBase=${p.dataDir}/vertx-cache`,
    '-Dquarkus.http.host=127.0.0.1',
    `-Dquarkus.http.port=${p.port}`,
    '-Dquarkus.management.host=127.0.0.1',
    `-Dquarkus.management.port=${p.managementPort}`,
    // Every health probe would otherwise add an access-log line.
    '-Dquarkus.http.access-log.enabled=false',
    // The packaged format prints dates as "2026-11+00-22" (a pattern typo upstream).
    '-Dquarkus.log.console.format=%d{yyyy-MM-dd HH:mm:ss,SSS} %p [%c{2.}] (%t) %m%n',
    // Persistent storage: Kafka keeps Avro messages that carry schema ids, so the ids must survive
    // a registry restart, which the default in-memory H2 does not do.
    '-Dapicurio.storage.kind=sql',
    '-Dapicurio.storage.sql.kind=postgresql',
    `-Dapicurio.datasource.url=${p.datasource.jdbcUrl}`,
    `-Dapicurio.datasource.username=${p.datasource.username}`,
    // The default pool holds 20 connections open; a dev registry needs a few.
    '-Dapicurio.datasource.jdbc.initial-size=2',
    '-Dapicurio.datasource.jdbc.min-size=2',
    '-Dapicurio.datasource.jdbc.max-size=10',
    `-Dapicurio.storage.snapshot.location=${p.dataDir}/tmp`,
    `-Dapicurio.import.work-dir=${p.dataDir}/tmp`,
    '-jar',
    `${p.home}/quarkus-run.jar`,
  ];
}

/** Quarkus maps APICURIO_DATASOURCE_PASSWORD to apicurio.datasource.password. */
export function registryEnv(base: NodeJS.ProcessEnv, datasource: RegistryDatasource): NodeJS.ProcessEnv {
  return datasource.password === ''
    ? { ...base }
    : { ...base, APICURIO_DATASOURCE_PASSWORD: datasource.password };
}
